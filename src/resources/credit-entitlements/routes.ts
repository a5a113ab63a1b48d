import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams, ListOf } from '../../http/schemas.ts';
import {
  CreateCreditEntitlementRequest,
  CreditEntitlement,
  ListCreditEntitlementsQuery,
  PatchCreditEntitlementRequest,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Credit Entitlements'];

export const creditEntitlementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/credit-entitlements',
    {
      schema: {
        tags,
        operationId: 'listCreditEntitlements',
        querystring: ListCreditEntitlementsQuery,
        response: { 200: ListOf(CreditEntitlement) },
      },
    },
    async (request) => ({ items: await service.listCreditEntitlements(request.ctx, request.query) }),
  );

  app.post(
    '/credit-entitlements',
    {
      schema: {
        tags,
        operationId: 'createCreditEntitlement',
        body: CreateCreditEntitlementRequest,
        response: { 201: CreditEntitlement },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCreditEntitlement(request.ctx, request.body)),
  );

  app.get(
    '/credit-entitlements/:id',
    {
      schema: { tags, operationId: 'getCreditEntitlement', params: IdParams, response: { 200: CreditEntitlement } },
    },
    async (request) => service.getCreditEntitlement(request.ctx, request.params.id),
  );

  app.patch(
    '/credit-entitlements/:id',
    {
      schema: { tags, operationId: 'updateCreditEntitlement', params: IdParams, body: PatchCreditEntitlementRequest },
    },
    async (request, reply) => {
      await service.updateCreditEntitlement(request.ctx, request.params.id, request.body);
      return noContent(reply);
    },
  );

  app.delete(
    '/credit-entitlements/:id',
    { schema: { tags, operationId: 'deleteCreditEntitlement', params: IdParams } },
    async (request, reply) => {
      await service.deleteCreditEntitlement(request.ctx, request.params.id);
      return noContent(reply);
    },
  );

  app.post(
    '/credit-entitlements/:id/undelete',
    { schema: { tags, operationId: 'undeleteCreditEntitlement', params: IdParams } },
    async (request, reply) => {
      await service.undeleteCreditEntitlement(request.ctx, request.params.id);
      return noContent(reply);
    },
  );
};
