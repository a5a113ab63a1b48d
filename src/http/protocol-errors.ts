import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { ApiError, type ErrorCode, statusOf } from '../errors.ts';
import { toApiError } from './errors.ts';

// Errors found before a request reaches a route, by Node's HTTP parser or by Fastify's router, bypass the error
// handler; these options make them answer `{code, message}` like every other error.

/** What Node's HTTP parser reports on a connection, by its error code. */
function connectionError(code: string | undefined): { code: ErrorCode; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' };
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { code: 'HEADERS_TOO_LARGE', message: 'The request line and headers exceed the size allowed' };
  }
  return { code: 'BAD_REQUEST', message: 'The request is not valid HTTP/1.1' };
}

export const protocolErrorOptions: Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'> = {
  clientErrorHandler(error, socket) {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { code, message } = connectionError(error.code);
    const status = statusOf(code);
    const body = JSON.stringify({ code, message });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  },
  // A path that does not decode, or a path parameter longer than the router allows.
  frameworkErrors(error, _request, reply) {
    const apiError = toApiError(error) ?? new ApiError('INTERNAL_SERVER_ERROR', 'Something went wrong');
    return (reply as FastifyReply).code(apiError.status).send({ code: apiError.code, message: apiError.message });
  },
};
