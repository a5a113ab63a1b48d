import { createHash } from 'node:crypto';
import DodoPayments from 'dodopayments';
import type { FastifyInstance } from 'fastify';

// Where a catalog is read from or applied to: any Dodo-compatible API through the official SDK. A local
// Pricebook is reached the same way, its requests handed to the app in process, so seeding a local
// database and pushing to Dodo run one code path.

export interface Target {
  client: DodoPayments;
  /** Fetches URLs the target hands out (uploads, images, file downloads). */
  fetch: typeof fetch;
  /** Names the target and key in the state file, without writing the key itself. */
  scope: string;
  /** How many requests may run at once. */
  concurrency: number;
}

export function keyMode(key: string): 'test' | 'live' | 'unknown' {
  if (key.startsWith('pb_live_')) return 'live';
  if (key.startsWith('pb_test_')) return 'test';
  return 'unknown';
}

function scopeOf(url: string, key: string): string {
  return `${url.replace(/\/+$/, '')}#${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function httpTarget(url: string, key: string, fetchImpl: typeof fetch = fetch): Target {
  return {
    client: new DodoPayments({ bearerToken: key, baseURL: url, fetch: fetchImpl, maxRetries: 3 }),
    fetch: fetchImpl,
    scope: scopeOf(url, key),
    concurrency: 16,
  };
}

/** A fetch that answers from the app in process; URLs on other hosts (S3) go over the network. */
export function injectFetch(app: FastifyInstance, publicUrl: string): typeof fetch {
  const origin = new URL(publicUrl).origin;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== origin) return fetch(request);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const response = await app.inject({
      method: request.method as 'GET',
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      payload: body,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    const status = response.statusCode;
    const empty = status === 204 || status === 304 || request.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(response.rawPayload), { status, headers });
  };
}

export function localTarget(app: FastifyInstance, publicUrl: string, key: string, scopeName: string): Target {
  const fetchImpl = injectFetch(app, publicUrl);
  return {
    client: new DodoPayments({ bearerToken: key, baseURL: publicUrl, fetch: fetchImpl, maxRetries: 0 }),
    fetch: fetchImpl,
    scope: scopeName,
    concurrency: 16,
  };
}
