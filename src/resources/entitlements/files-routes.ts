import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { receiveFile } from '../../http/file-body.ts';
import { noContent } from '../../http/replies.ts';
import { IdParams } from '../../http/schemas.ts';
import { FILE_MAX_BYTES } from '../media/rules.ts';
import { addFile, removeFile } from './files-service.ts';
import { EntitlementFileParams, UploadEntitlementFileResponse } from './schema.ts';

const tags = ['Entitlements'];

/** Registered on its own: the upload's body is the file, not JSON. */
export const entitlementFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The body is read as a stream by the handler, once the entitlement is known, and capped there at 500 MiB; the
  // JSON parser and its 1 MiB limit do not apply to this plugin's routes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.post(
    '/entitlements/:id/files',
    {
      schema: {
        tags,
        operationId: 'uploadEntitlementFile',
        params: IdParams,
        response: { 201: UploadEntitlementFileResponse },
      },
    },
    async (request, reply) => {
      const uploaded = await addFile(request.ctx, request.params.id, () => receiveFile(request.raw, FILE_MAX_BYTES));
      return reply.code(201).send(uploaded);
    },
  );

  app.delete(
    '/entitlements/:id/files/:file_id',
    { schema: { tags, operationId: 'deleteEntitlementFile', params: EntitlementFileParams } },
    async (request, reply) => {
      await removeFile(request.ctx, request.params.id, request.params.file_id);
      return noContent(reply, 204);
    },
  );
};
