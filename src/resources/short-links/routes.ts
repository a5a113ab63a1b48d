import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { CreateShortLinkRequest, ListShortLinksQuery, ShortLinkItem, ShortLinkResponse } from './schema.ts';
import * as service from './service.ts';

const tags = ['Products'];

export const shortLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/products/:id/short_links',
    {
      schema: {
        tags,
        operationId: 'createShortLink',
        params: IdParams,
        body: CreateShortLinkRequest,
        response: { 200: ShortLinkResponse },
      },
    },
    async (request) => service.createShortLink(request.ctx, request.params.id, request.body),
  );

  // A static path: the router matches it before `/products/:id`.
  app.get(
    '/products/short_links',
    {
      schema: {
        tags,
        operationId: 'listShortLinks',
        querystring: ListShortLinksQuery,
        response: { 200: ListOf(ShortLinkItem) },
      },
    },
    async (request) => ({ items: await service.listShortLinks(request.ctx, request.query) }),
  );
};
