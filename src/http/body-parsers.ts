import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body as it was sent, for the request log. */
    bodyText?: string;
  }
}

/**
 * Request bodies are JSON, and an empty body is no body whatever `Content-Type` came with it (Q25): the
 * Python and PHP SDKs send `Content-Type: application/json` on every call, bodyless ones included, some
 * clients add a charset or send a chunked body of zero bytes. A bodyless operation then answers exactly as
 * without the header, and one that needs a body says so with a 422 (see validation.ts). A non-empty body
 * that is not JSON is 415: the API speaks JSON only.
 *
 * Routes that take raw files (uploads) register their own parsers in their own plugin scope.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.decorateRequest('bodyText', undefined);
  app.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    request.bodyText = body;
    parseJson(request, body, done);
  });
  app.addContentTypeParser<Buffer>('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    const type = request.headers['content-type'];
    done(
      new ApiError('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json${type ? `, not ${type}` : ''}`),
      undefined,
    );
  });
}
