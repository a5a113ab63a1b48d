import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Scope } from '../context.ts';

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

/**
 * What a request leaves in the ring: references to what the request already holds, formatted only when the log is
 * read. Formatting every answer as it went (its URL split, its time as text, its bodies copied) cost every request
 * for a log that is rarely read.
 */
interface Entry {
  seq: number;
  scope: Scope;
  requestId: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  endedAt: number;
  requestBody: string | null;
  responseBody: string | null;
}

/**
 * A body to keep: itself when short, else the start of it, copied. A slice of a string keeps the whole string
 * alive in V8, so 2,000 slices of long list pages held every page whole (200 MB after a load of lists).
 */
function cut(text: string): string {
  if (text.length <= BODY_LIMIT) return text;
  // Not between the two halves of a character outside the BMP (an emoji): half of one is no character at all.
  const end = isHighSurrogate(text.charCodeAt(BODY_LIMIT - 1)) ? BODY_LIMIT - 1 : BODY_LIMIT;
  return `${Buffer.from(text.slice(0, end)).toString()}… (${text.length - end} more)`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Recent long answers with their cuts: a kept page is sent again and again as the same string. Found with `===`,
 * not a Map: a Map hashes the whole of every new answer before it can miss (a collection of 12 items: 4 % of its
 * GET's CPU), while `===` is immediate for the same string and stops at the first difference for another.
 */
const recentCuts: { answer: string | Buffer; text: string }[] = [];
const RECENT_CUTS = 16;
let nextCut = 0;

/**
 * An answer's body as text: JSON as sent (a long kept page is sent as bytes), other bytes by their size only,
 * streams not at all. A copy per request of a long answer was garbage old enough to reach V8's old generation:
 * an answer sent before (a kept page) reuses its copy.
 */
function responseText(payload: unknown, json: boolean): string | null {
  if (Buffer.isBuffer(payload)) {
    if (!json) return `<${payload.length} bytes>`;
  } else if (typeof payload !== 'string') {
    return null;
  } else if (payload.length <= BODY_LIMIT) {
    return payload;
  }
  for (const recent of recentCuts) if (recent.answer === payload) return recent.text;
  const text = cut(payload.toString());
  recentCuts[nextCut++ % RECENT_CUTS] = { answer: payload, text };
  return text;
}

function formatted(entry: Entry): LoggedRequest {
  const [path = '/', query = ''] = entry.url.split(/\?(.*)/s);
  return {
    id: String(entry.seq),
    request_id: entry.requestId,
    method: entry.method,
    path,
    query,
    status: entry.status,
    duration_ms: Math.round(entry.durationMs * 100) / 100,
    started_at: new Date(entry.endedAt - entry.durationMs).toISOString(),
    request_body: entry.requestBody,
    response_body: entry.responseBody,
  };
}

/**
 * The recent API requests of every business, in a ring of fixed size. Headers are not kept, so neither is the
 * API key a request carried.
 */
export class RequestLog {
  readonly #ring: (Entry | undefined)[] = new Array(LOG_CAPACITY);
  #next = 0;

  record(request: FastifyRequest, status: number, durationMs: number, responseBody: unknown, json = false): void {
    this.#next += 1;
    this.#ring[this.#next % LOG_CAPACITY] = {
      seq: this.#next,
      scope: request.ctx.scope,
      requestId: request.id,
      method: request.method,
      url: request.url,
      status,
      durationMs,
      endedAt: Date.now(),
      requestBody: request.bodyText === undefined ? null : cut(request.bodyText),
      responseBody: responseText(responseBody, json),
    };
  }

  /** The scope's requests, newest first. */
  list(scope: Scope, limit: number): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    for (let n = this.#next; n > Math.max(0, this.#next - LOG_CAPACITY) && out.length < limit; n -= 1) {
      const entry = this.#ring[n % LOG_CAPACITY];
      if (entry?.scope.businessId === scope.businessId && entry.scope.mode === scope.mode) out.push(formatted(entry));
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
  // Callback hooks: an async hook costs every request a promise and a turn of the microtask queue.
  app.addHook('onSend', (request, _reply, payload, done) => {
    request.sentPayload = payload;
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    // Refused before its key was checked: it has no business to be logged under.
    if (request.ctx) {
      const payload = request.sentPayload;
      // Text is JSON or an error's message; only bytes may be a file.
      const json = Buffer.isBuffer(payload) && String(reply.getHeader('content-type')).startsWith('application/json');
      log.record(request, reply.statusCode, reply.elapsedTime, payload, json);
    }
    done();
  });
}
