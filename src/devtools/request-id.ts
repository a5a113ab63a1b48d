import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Ids a client may choose: short and plain, so that they are safe in logs and headers. */
const ACCEPTED = /^[\w.:-]{1,128}$/;

/** The request's x-request-id when it is a plain token, else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : randomUUID();
}
