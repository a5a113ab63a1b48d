import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../context.ts';
import { ShortLinkParams } from './schema.ts';
import { resolveShortLink } from './service.ts';

/** The short URLs themselves: a GET redirects to the link's full URL, with no API key. */
export const shortLinkPublicRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/l/:mode/:businessId/:slug', { schema: { hide: true, params: ShortLinkParams } }, async (request, reply) => {
    const { mode, businessId, slug } = request.params;
    return reply.redirect(await resolveShortLink(services, { mode, businessId }, slug), 302);
  });
};
