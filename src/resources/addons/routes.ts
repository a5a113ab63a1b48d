import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { Addon, CreateAddonRequest, ListAddonsQuery, PatchAddonRequest } from './schema.ts';
import * as service from './service.ts';

const tags = ['Addons'];

export const addonRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/addons',
    { schema: { tags, operationId: 'listAddons', querystring: ListAddonsQuery, response: { 200: ListOf(Addon) } } },
    async (request) => ({ items: await service.listAddons(request.ctx, request.query) }),
  );

  app.post(
    '/addons',
    { schema: { tags, operationId: 'createAddon', body: CreateAddonRequest, response: { 200: Addon } } },
    async (request) => service.createAddon(request.ctx, request.body),
  );

  app.get(
    '/addons/:id',
    { schema: { tags, operationId: 'getAddon', params: IdParams, response: { 200: Addon } } },
    async (request) => service.getAddon(request.ctx, request.params.id),
  );

  app.patch(
    '/addons/:id',
    {
      schema: { tags, operationId: 'updateAddon', params: IdParams, body: PatchAddonRequest, response: { 200: Addon } },
    },
    async (request) => service.updateAddon(request.ctx, request.params.id, request.body),
  );
};
