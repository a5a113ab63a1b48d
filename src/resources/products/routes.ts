import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { CreateProductRequest, ListProductsQuery, PatchProductRequest, Product, ProductListItem } from './schema.ts';
import * as service from './service.ts';

const tags = ['Products'];

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/products',
    {
      schema: {
        tags,
        operationId: 'listProducts',
        querystring: ListProductsQuery,
        response: { 200: ListOf(ProductListItem) },
      },
    },
    async (request, reply) =>
      app.keptList(request, reply, ProductListItem, {
        whole: () => service.listProducts(request.ctx, request.query),
        ids: () => service.listProductIds(request.ctx, request.query),
        items: (ids) => service.listedProducts(request.ctx, request.query, ids),
      }),
  );

  app.post(
    '/products',
    { schema: { tags, operationId: 'createProduct', body: CreateProductRequest, response: { 200: Product } } },
    async (request) => service.createProduct(request.ctx, request.body),
  );

  app.get(
    '/products/:id',
    { schema: { tags, operationId: 'getProduct', params: IdParams, response: { 200: Product } } },
    async (request, reply) => app.keptPages(request, reply, () => service.readProduct(request.ctx, request.params.id)),
  );

  app.patch(
    '/products/:id',
    { schema: { tags, operationId: 'updateProduct', params: IdParams, body: PatchProductRequest } },
    async (request, reply) => {
      await service.updateProduct(request.ctx, request.params.id, request.body);
      return noContent(reply);
    },
  );

  app.delete(
    '/products/:id',
    { schema: { tags, operationId: 'archiveProduct', params: IdParams } },
    async (request, reply) => {
      await service.archiveProduct(request.ctx, request.params.id);
      return noContent(reply);
    },
  );

  app.post(
    '/products/:id/unarchive',
    { schema: { tags, operationId: 'unarchiveProduct', params: IdParams } },
    async (request, reply) => {
      await service.unarchiveProduct(request.ctx, request.params.id);
      return noContent(reply);
    },
  );
};
