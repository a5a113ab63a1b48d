import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../http/schemas.ts';
import {
  ForceUpdateQuery,
  UpdateProductImageResponse,
  UploadProductFile,
  UploadProductFileResponse,
} from './schema.ts';
import { issueFileUpload, issueImageUpload } from './service.ts';

export const productMediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/products/:id/images',
    {
      schema: {
        tags: ['Products'],
        operationId: 'updateProductImage',
        params: IdParams,
        querystring: ForceUpdateQuery,
        response: { 200: UpdateProductImageResponse },
      },
    },
    async (request) => {
      // Without force_update the image attaches itself once uploaded (catalog decision Q12).
      const force = request.query.force_update === true;
      const issued = await issueImageUpload(request.ctx, { type: 'product', id: request.params.id }, !force);
      return { url: issued.url, image_id: force ? issued.imageId : null };
    },
  );

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
