import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { groupRoutes } from './groups-routes.ts';
import {
  CreateProductCollectionRequest,
  ListProductCollectionsQuery,
  PatchProductCollectionRequest,
  ProductCollection,
  ProductCollectionListItem,
  UndeleteCollectionResponse,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Product Collections'];

export const collectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/product-collections',
    {
      schema: {
        tags,
        operationId: 'listProductCollections',
        querystring: ListProductCollectionsQuery,
        response: { 200: ListOf(ProductCollectionListItem) },
      },
    },
    async (request, reply) =>
      app.keptList(request, reply, ProductCollectionListItem, {
        whole: () => service.listCollections(request.ctx, request.query),
        ids: () => service.listCollectionIds(request.ctx, request.query),
        items: (ids) => service.listedCollections(request.ctx, request.query, ids),
      }),
  );

  app.post(
    '/product-collections',
    {
      schema: {
        tags,
        operationId: 'createProductCollection',
        body: CreateProductCollectionRequest,
        response: { 200: ProductCollection },
      },
    },
    async (request) => service.createCollection(request.ctx, request.body),
  );

  app.get(
    '/product-collections/:id',
    {
      schema: { tags, operationId: 'getProductCollection', params: IdParams, response: { 200: ProductCollection } },
    },
    async (request, reply) =>
      app.keptPages(request, reply, () => service.getCollection(request.ctx, request.params.id)),
  );

  app.patch(
    '/product-collections/:id',
    {
      schema: { tags, operationId: 'updateProductCollection', params: IdParams, body: PatchProductCollectionRequest },
    },
    async (request, reply) => {
      await service.updateCollection(request.ctx, request.params.id, request.body);
      return noContent(reply);
    },
  );

  app.delete(
    '/product-collections/:id',
    { schema: { tags, operationId: 'archiveProductCollection', params: IdParams } },
    async (request, reply) => {
      await service.archiveCollection(request.ctx, request.params.id);
      return noContent(reply);
    },
  );

  app.post(
    '/product-collections/:id/unarchive',
    {
      schema: {
        tags,
        operationId: 'unarchiveProductCollection',
        params: IdParams,
        response: { 200: UndeleteCollectionResponse },
      },
    },
    async (request) => service.unarchiveCollection(request.ctx, request.params.id),
  );

  await app.register(groupRoutes);
};
