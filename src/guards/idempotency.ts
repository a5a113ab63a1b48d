import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Scope } from '../context.ts';
import type { Database } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import { noContent } from '../http/replies.ts';
import type { Clock } from '../lib/clock.ts';
import * as store from './idempotency-store.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long an answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A request still unanswered after this long was lost with its process; its key is free again. */
const ABANDONED_MS = 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

interface Claimed extends Scope {
  key: string;
  createdAt: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request is the first under its Idempotency-Key: its answer is kept for the retries. */
    idempotency: Claimed | null;
  }
}

/** Method, path and body: what must match for a retry to be the same request. */
function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  // Uploads are streamed, not parsed: their media type and length stand in for the bytes. Not the type's
  // parameters: a multipart boundary is drawn anew on every send, the SDK's retries included.
  if (request.body === undefined) {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    hash.update(`${mediaType} ${request.headers['content-length'] ?? ''}`);
  } else hash.update(JSON.stringify(request.body));
  return hash.digest('hex');
}

function keyOf(request: FastifyRequest): string | undefined {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
    throw new ApiError('BAD_REQUEST', 'Idempotency-Key must be one header of 1 to 255 characters');
  }
  return key;
}

/**
 * A POST or PATCH sent with `Idempotency-Key` is answered once: a retry with the same key and request gets the
 * first answer again (status and body) for 24 hours, from any process, since the answers live in the database.
 * The same key with another request is 422; while the first is still being answered, 409 with `retry-after`.
 * Answers of 5xx are not kept: the request may be sent again. Keys belong to one business and mode.
 */
export function registerIdempotency(app: FastifyInstance, database: Database, clock: Clock): void {
  const iso = (ms: number) => new Date(ms).toISOString();
  let sweptAt = 0;

  app.decorateRequest('idempotency', null);
  const replayOrClaim = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return;
    const key = keyOf(request);
    if (key === undefined) return;
    // Literals, not spreads: on Node 20 a spread followed by a new property makes a hidden class per request.
    const { businessId, mode } = request.ctx.scope;
    const id = { businessId, mode, key };
    const fingerprint = fingerprintOf(request);
    const at = clock();
    if (at - sweptAt > SWEEP_EVERY_MS) {
      sweptAt = at;
      await store.sweep(database.db, iso(at - IDEMPOTENCY_TTL_MS));
    }
    // Twice at most: a row found expired or abandoned is removed, and the key claimed again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const createdAt = iso(at);
      const row = {
        business_id: businessId,
        mode,
        key,
        fingerprint,
        status: null,
        response: null,
        created_at: createdAt,
      };
      if (await store.claim(database.db, row)) {
        request.idempotency = { businessId, mode, key, createdAt };
        return;
      }
      const first = await store.find(database.db, id);
      if (!first) continue;
      const age = at - Date.parse(first.created_at);
      if (age > IDEMPOTENCY_TTL_MS || (first.status === null && age > ABANDONED_MS)) {
        await store.release(database.db, id, first.created_at);
        continue;
      }
      if (first.fingerprint !== fingerprint) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was used for another request`);
      }
      if (first.status === null || first.response === null) {
        reply.header('retry-after', '1');
        throw new ApiError('IDEMPOTENCY_KEY_IN_USE', `The request first sent with Idempotency-Key ${key} is running`);
      }
      reply.header('idempotent-replayed', 'true');
      if (first.response === '') return noContent(reply, first.status as 200 | 204);
      return reply.code(first.status).header('content-type', 'application/json; charset=utf-8').send(first.response);
    }
    throw new ApiError('IDEMPOTENCY_KEY_IN_USE', `Idempotency-Key ${key} is changing hands; send it again`);
  };

  const keep = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = null;
    // An empty answer (200 without a body) is kept as ''; a streamed one cannot be kept, so it is not replayed.
    const kept = payload === undefined || payload === null ? '' : payload;
    try {
      if (reply.statusCode >= 500 || typeof kept !== 'string') {
        await store.release(database.db, claimed, claimed.createdAt);
      } else {
        await store.complete(database.db, claimed, reply.statusCode, kept);
      }
    } catch (error) {
      // The answer still goes out; its key is freed once ABANDONED_MS have passed.
      request.log.warn({ err: error }, 'the answer to an Idempotency-Key request could not be kept');
    }
    return payload;
  };

  // On the POST and PATCH routes only: reads pay nothing for it.
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().some((method) => method === 'POST' || method === 'PATCH')) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), replayOrClaim] as typeof route.preHandler;
    route.onSend = [...[route.onSend ?? []].flat(), keep] as typeof route.onSend;
  });
}
