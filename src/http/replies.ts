import type { FastifyReply } from 'fastify';

/**
 * A success with no body: 200, `Content-Length: 0` and no JSON content type. The SDK throws on a JSON
 * content type with an empty chunked body, and returns `undefined` for this.
 */
export function noContent(reply: FastifyReply, status: 200 | 204 = 200): FastifyReply {
  return reply.code(status).removeHeader('content-type').header('content-length', '0').send();
}
