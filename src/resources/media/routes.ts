import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../http/schemas.ts';
import type { OwnerType } from './owners.ts';
import {
  ForceUpdateQuery,
  UpdateAddonImageResponse,
  UpdateBrandImageResponse,
  UpdateCollectionImageResponse,
  UpdateProductImageResponse,
  UploadProductFile,
  UploadProductFileResponse,
} from './schema.ts';
import { issueFileUpload, issueImageUpload } from './service.ts';

/** Products and collections: without force_update the image attaches itself once uploaded (Q12). */
const selfAttaching = [
  { path: '/products/:id/images', owner: 'product', tag: 'Products', response: UpdateProductImageResponse },
  {
    path: '/product-collections/:id/images',
    owner: 'collection',
    tag: 'Product Collections',
    response: UpdateCollectionImageResponse,
  },
] as const;

/** Brands and addons: the image_id is always returned, and PATCH attaches it. */
const patchAttached = [
  { path: '/brands/:id/images', owner: 'brand', tag: 'Brands', response: UpdateBrandImageResponse },
  { path: '/addons/:id/images', owner: 'addon', tag: 'Addons', response: UpdateAddonImageResponse },
] as const;

const operationId = (owner: OwnerType) => `update${owner[0]!.toUpperCase()}${owner.slice(1)}Image`;

export const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const { path, owner, tag, response } of selfAttaching) {
    app.put(
      path,
      {
        schema: {
          tags: [tag],
          operationId: operationId(owner),
          params: IdParams,
          querystring: ForceUpdateQuery,
          response: { 200: response },
        },
      },
      async (request) => {
        const force = request.query.force_update === true;
        const issued = await issueImageUpload(request.ctx, { type: owner, id: request.params.id }, !force);
        return { url: issued.url, image_id: force ? issued.imageId : null };
      },
    );
  }

  for (const { path, owner, tag, response } of patchAttached) {
    app.put(
      path,
      { schema: { tags: [tag], operationId: operationId(owner), params: IdParams, response: { 200: response } } },
      async (request) => {
        const issued = await issueImageUpload(request.ctx, { type: owner, id: request.params.id }, false);
        return { url: issued.url, image_id: issued.imageId };
      },
    );
  }

  app.put(
    '/products/:id/files',
    {
      schema: {
        tags: ['Products'],
        operationId: 'uploadProductFile',
        params: IdParams,
        body: UploadProductFile,
        response: { 200: UploadProductFileResponse },
      },
    },
    async (request) => issueFileUpload(request.ctx, request.params.id, request.body.file_name),
  );
};
