import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { CreateEntitlementRequest, Entitlement, ListEntitlementsQuery, PatchEntitlementRequest } from './schema.ts';
import * as service from './service.ts';

const tags = ['Entitlements'];

export const entitlementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/entitlements',
    {
      schema: {
        tags,
        operationId: 'listEntitlements',
        querystring: ListEntitlementsQuery,
        response: { 200: ListOf(Entitlement) },
      },
    },
    async (request) => ({ items: await service.listEntitlements(request.ctx, request.query) }),
  );

  app.post(
    '/entitlements',
    {
      schema: {
        tags,
        operationId: 'createEntitlement',
        body: CreateEntitlementRequest,
        response: { 200: Entitlement },
      },
    },
    async (request) => service.createEntitlement(request.ctx, request.body),
  );

  app.get(
    '/entitlements/:id',
    { schema: { tags, operationId: 'getEntitlement', params: IdParams, response: { 200: Entitlement } } },
    async (request) => service.getEntitlement(request.ctx, request.params.id),
  );

  app.patch(
    '/entitlements/:id',
    {
      schema: {
        tags,
        operationId: 'updateEntitlement',
        params: IdParams,
        body: PatchEntitlementRequest,
        response: { 200: Entitlement },
      },
    },
    async (request) => service.updateEntitlement(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/entitlements/:id',
    { schema: { tags, operationId: 'deleteEntitlement', params: IdParams } },
    async (request, reply) => {
      await service.deleteEntitlement(request.ctx, request.params.id);
      return noContent(reply);
    },
  );
};
