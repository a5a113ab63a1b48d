import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Scope, scopeKey } from '../context.ts';

/** Requests kept per process, all businesses together; the oldest go first. */
export const LOG_CAPACITY = 2000;
/** Bodies are cut to this many characters: enough to recognise a request, not a copy of every upload. */
export const BODY_LIMIT = 4096;

export const LoggedRequest = Type.Object({
  id: Type.String(),
  request_id: Type.String(),
  method: Type.String(),
  path: Type.String(),
  query: Type.String({ description: 'The query string without `?`; empty when there is none' }),
  status: Type.Integer({ description: '0 when the connection was dropped (a fault rule)' }),
  duration_ms: Type.Number(),
  started_at: Type.String({ format: 'date-time' }),
  request_body: Type.Union([Type.String(), Type.Null()]),
  response_body: Type.Union([Type.String(), Type.Null()]),
});
export type LoggedRequest = Static<typeof LoggedRequest>;

interface Entry {
  scope: string;
  request: LoggedRequest;
}

function truncate(text: string): string {
  return text.length <= BODY_LIMIT ? text : `${text.slice(0, BODY_LIMIT)}… (${text.length - BODY_LIMIT} more)`;
}

/** A body as text: JSON as sent, binary bodies by their size only. */
function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return truncate(body);
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  if (typeof body !== 'object' || typeof (body as { pipe?: unknown }).pipe === 'function') return null;
  return truncate(JSON.stringify(body));
}

/**
 * The recent API requests of every business, in a ring of fixed size. Headers are not kept, so neither is the
 * API key a request carried.
 */
export class RequestLog {
  readonly #ring: (Entry | undefined)[] = new Array(LOG_CAPACITY);
  #next = 0;

  record(request: FastifyRequest, status: number, durationMs: number, responseBody: unknown): void {
    const [path = '/', query = ''] = request.url.split(/\?(.*)/s);
    this.#ring[this.#next % LOG_CAPACITY] = {
      scope: scopeKey(request.ctx.scope),
      request: {
        id: String(this.#next + 1),
        request_id: request.id,
        method: request.method,
        path,
        query,
        status,
        duration_ms: Math.round(durationMs * 100) / 100,
        started_at: new Date(Date.now() - durationMs).toISOString(),
        request_body: bodyText(request.body),
        response_body: bodyText(responseBody),
      },
    };
    this.#next += 1;
  }

  /** The scope's requests, newest first. */
  list(scope: Scope, limit: number): LoggedRequest[] {
    const key = scopeKey(scope);
    const out: LoggedRequest[] = [];
    for (let n = this.#next - 1; n >= Math.max(0, this.#next - LOG_CAPACITY) && out.length < limit; n -= 1) {
      const entry = this.#ring[n % LOG_CAPACITY];
      if (entry?.scope === key) out.push(entry.request);
    }
    return out;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The response body as sent, kept for the request log. */
    sentPayload?: unknown;
  }
}

/** Records every request of `app`'s scope once answered; registered after the API-key check, which sets its scope. */
export function logRequests(app: FastifyInstance, log: RequestLog): void {
  app.decorateRequest('sentPayload', undefined);
  app.addHook('onSend', async (request, _reply, payload) => {
    request.sentPayload = payload;
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    // Refused before its key was checked: it has no business to be logged under.
    if (!request.ctx) return;
    log.record(request, reply.statusCode, reply.elapsedTime, request.sentPayload);
  });
}
