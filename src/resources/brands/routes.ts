import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, ListOf } from '../../http/schemas.ts';
import {
  ArchiveBrandRequest,
  ArchiveBrandResponse,
  Brand,
  CreateBrandRequest,
  ListBrandsQuery,
  PatchBrandRequest,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Brands'];

export const brandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/brands',
    { schema: { tags, operationId: 'listBrands', querystring: ListBrandsQuery, response: { 200: ListOf(Brand) } } },
    async (request) => ({ items: await service.listBrands(request.ctx, request.query) }),
  );

  app.post(
    '/brands',
    { schema: { tags, operationId: 'createBrand', body: CreateBrandRequest, response: { 200: Brand } } },
    async (request) => service.createBrand(request.ctx, request.body),
  );

  app.get(
    '/brands/:id',
    { schema: { tags, operationId: 'getBrand', params: IdParams, response: { 200: Brand } } },
    async (request) => service.getBrand(request.ctx, request.params.id),
  );

  app.patch(
    '/brands/:id',
    {
      schema: { tags, operationId: 'updateBrand', params: IdParams, body: PatchBrandRequest, response: { 200: Brand } },
    },
    async (request) => service.updateBrand(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/brands/:id/archive',
    {
      schema: {
        tags,
        operationId: 'archiveBrand',
        params: IdParams,
        body: ArchiveBrandRequest,
        response: { 200: ArchiveBrandResponse },
      },
    },
    async (request) => service.archiveBrand(request.ctx, request.params.id, request.body),
  );
};
