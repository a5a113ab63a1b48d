import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { attachment } from '../../blobs/content-disposition.ts';
import type { Services } from '../../context.ts';
import { noContent } from '../../http/replies.ts';
import { IdParams } from '../../http/schemas.ts';
import { SignedQuery, UploadIdParams } from './schema.ts';
import { type Delivery, openFile, openImage, receiveUpload } from './transfer.ts';

/** Signed uploads and downloads and public images: no API key, so registered outside the API-key scope. */
export const mediaPublicRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // Upload bodies are raw bytes of any type, read as a stream by the handler and capped there (3 MB for
  // images, 500 MiB for files); the JSON parser and its 1 MiB limit do not apply here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.put(
    '/uploads/:id',
    { schema: { hide: true, params: UploadIdParams, querystring: SignedQuery } },
    async (request, reply) => {
      await receiveUpload(services, request.params.id, request.query, request.raw, request.headers['content-type']);
      return noContent(reply);
    },
  );

  app.get('/images/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) =>
    send(reply, await openImage(services, request.params.id)),
  );

  app.get(
    '/files/:id',
    { schema: { hide: true, params: IdParams, querystring: SignedQuery } },
    async (request, reply) => send(reply, await openFile(services, request.params.id, request.query)),
  );
};

function send(reply: FastifyReply, delivery: Delivery): FastifyReply {
  if ('redirect' in delivery) return reply.redirect(delivery.redirect, 302);
  if (delivery.contentType) reply.header('content-type', delivery.contentType);
  if (delivery.size !== null) reply.header('content-length', delivery.size);
  if (delivery.fileName) reply.header('content-disposition', attachment(delivery.fileName));
  return reply.send(delivery.body);
}
