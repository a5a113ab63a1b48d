import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { ListOf } from '../../http/schemas.ts';
import {
  CreateLocalizedPriceRequest,
  LocalizedPrice,
  LocalizedPriceParams,
  PatchLocalizedPriceRequest,
  ProductIdParams,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Product Localized Prices'];
const path = '/products/:product_id/localized-prices';

export const localizedPriceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    path,
    {
      schema: {
        tags,
        operationId: 'listLocalizedPrices',
        params: ProductIdParams,
        response: { 200: ListOf(LocalizedPrice) },
      },
    },
    async (request) => ({ items: await service.listLocalizedPrices(request.ctx, request.params.product_id) }),
  );

  app.post(
    path,
    {
      schema: {
        tags,
        operationId: 'createLocalizedPrice',
        params: ProductIdParams,
        body: CreateLocalizedPriceRequest,
        response: { 200: LocalizedPrice },
      },
    },
    async (request) => service.createLocalizedPrice(request.ctx, request.params.product_id, request.body),
  );

  app.get(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'getLocalizedPrice',
        params: LocalizedPriceParams,
        response: { 200: LocalizedPrice },
      },
    },
    async (request) => service.getLocalizedPrice(request.ctx, request.params.product_id, request.params.id),
  );

  app.patch(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'updateLocalizedPrice',
        params: LocalizedPriceParams,
        body: PatchLocalizedPriceRequest,
        response: { 200: LocalizedPrice },
      },
    },
    async (request) =>
      service.updateLocalizedPrice(request.ctx, request.params.product_id, request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    { schema: { tags, operationId: 'archiveLocalizedPrice', params: LocalizedPriceParams } },
    async (request, reply) => {
      await service.archiveLocalizedPrice(request.ctx, request.params.product_id, request.params.id);
      return noContent(reply);
    },
  );
};
