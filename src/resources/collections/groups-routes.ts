import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams } from '../../http/schemas.ts';
import {
  AddProductsToGroupRequest,
  GroupParams,
  ItemParams,
  PatchProductCollectionGroupProductRequest,
  PatchProductCollectionGroupRequest,
  ProductCollectionGroup,
  ProductCollectionGroupResponse,
  ProductCollectionProduct,
} from './groups-schema.ts';
import * as groups from './groups-service.ts';
import * as items from './items-service.ts';

const tags = ['Product Collections'];

/** The groups of a collection and the items of a group. */
export const groupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/product-collections/:id/groups',
    {
      schema: {
        tags,
        operationId: 'addProductCollectionGroup',
        params: IdParams,
        body: ProductCollectionGroup,
        response: { 200: ProductCollectionGroupResponse },
      },
    },
    async (request) => groups.addGroup(request.ctx, request.params.id, request.body),
  );

  app.patch(
    '/product-collections/:id/groups/:group_id',
    {
      schema: {
        tags,
        operationId: 'updateProductCollectionGroup',
        params: GroupParams,
        body: PatchProductCollectionGroupRequest,
      },
    },
    async (request, reply) => {
      await groups.updateGroup(request.ctx, request.params.id, request.params.group_id, request.body);
      return noContent(reply);
    },
  );

  app.delete(
    '/product-collections/:id/groups/:group_id',
    { schema: { tags, operationId: 'deleteProductCollectionGroup', params: GroupParams } },
    async (request, reply) => {
      await groups.deleteGroup(request.ctx, request.params.id, request.params.group_id);
      return noContent(reply, 204);
    },
  );

  app.post(
    '/product-collections/:id/groups/:group_id/items',
    {
      schema: {
        tags,
        operationId: 'addProductCollectionItems',
        params: GroupParams,
        body: AddProductsToGroupRequest,
        response: { 200: Type.Array(ProductCollectionProduct) },
      },
    },
    async (request) => items.addItems(request.ctx, request.params.id, request.params.group_id, request.body.products),
  );

  app.patch(
    '/product-collections/:id/groups/:group_id/items/:item_id',
    {
      schema: {
        tags,
        operationId: 'updateProductCollectionItem',
        params: ItemParams,
        body: PatchProductCollectionGroupProductRequest,
      },
    },
    async (request, reply) => {
      await items.updateItem(request.ctx, addressOf(request.params), request.body.status);
      return noContent(reply);
    },
  );

  app.delete(
    '/product-collections/:id/groups/:group_id/items/:item_id',
    { schema: { tags, operationId: 'deleteProductCollectionItem', params: ItemParams } },
    async (request, reply) => {
      await items.deleteItem(request.ctx, addressOf(request.params));
      return noContent(reply, 204);
    },
  );
};

function addressOf(params: { id: string; group_id: string; item_id: string }) {
  return { collectionId: params.id, groupId: params.group_id, itemId: params.item_id };
}
