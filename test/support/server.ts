import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import DodoPayments from 'dodopayments';
import type { FastifyInstance } from 'fastify';
import { bootstrap, createApiKey, createBusiness, type IssuedKey } from '../../src/accounts/service.ts';
import { type AppOptions, buildApp } from '../../src/app.ts';
import { filesystemStore } from '../../src/blobs/filesystem.ts';
import type { BlobStore } from '../../src/blobs/store.ts';
import { type Database, migrate, openDatabase } from '../../src/db/database.ts';
import type { Mode } from '../../src/db/schema.ts';
import { listenOnLoopback } from '../../src/http/loopback.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';
import { createSpecValidator, type SpecValidator } from './spec-validator.ts';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies and assert on their fields
  json: any;
}

export interface TestServer {
  url: string;
  database: Database;
  /** The database's URL, for a second connection to it. */
  databaseUrl: string;
  businessId: string;
  /** The default business's test-mode key. */
  key: string;
  spec: SpecValidator;
  /** An official SDK client for `key` (or another key), pointed at this server, checking every response against the spec. */
  client(key?: string): DodoPayments;
  /** A new business with a key in the given mode. */
  newTenant(mode?: Mode): Promise<{ businessId: string; key: string; client: DodoPayments }>;
  keyFor(businessId: string, mode: Mode): Promise<IssuedKey>;
  /** One raw HTTP request, for what the SDK cannot send (malformed JSON, wrong types, no key). */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  /**
   * One request framed exactly as given, for other clients' habits: only `headers` (with Host and the key)
   * are sent, and the body goes with its length, chunked, or not at all (`Content-Length: 0` is `body: ''`).
   * Checked like every other response.
   */
  send(method: string, path: string, options: ExactRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface ExactRequest {
  headers: Record<string, string>;
  body?: string;
  /** A chunked body (in two chunks when it has bytes, none when it is empty) instead of `Content-Length`. */
  chunked?: boolean;
}

export interface TestServerOptions {
  /** What signed URLs expire against; the system clock unless given. */
  clock?: Clock;
  /** The blob store, given the server's own temporary data folder; files in that folder unless given. */
  blobs?: (dataDir: string) => BlobStore | Promise<BlobStore>;
  /** Guards and metrics, as the configuration would turn them on. */
  app?: Pick<AppOptions, 'rateLimit' | 'idempotency' | 'metrics'>;
  /** Runs on the app before it listens: a test adds its own hooks there (a slow answer, say). */
  beforeListen?: (app: FastifyInstance) => void;
}

/** A real server on a random loopback port over a fresh database, with the `default` business bootstrapped. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const testDatabase: TestDatabase = await freshDatabase();
  const database = openDatabase(testDatabase.url);
  await migrate(database);
  const dataDir = mkdtempSync(join(tmpdir(), 'pricebook-data-'));
  const blobs = await (options.blobs ?? ((dir) => filesystemStore(join(dir, 'blobs'))))(dataDir);
  // The port is known only once the server listens, and the URLs in responses must reach it.
  let url = '';
  const app: FastifyInstance = await buildApp({
    ...options.app,
    database,
    publicUrl: () => url,
    blobs,
    clock: options.clock,
  });
  options.beforeListen?.(app);
  url = await listenOnLoopback(app);
  const created = await bootstrap(database);
  if (!created) throw new Error('fresh database was not empty');
  const spec = createSpecValidator();
  const checkedFetch = spec.wrapFetch(fetch);
  const client = (key = created.keys[0]!.key) =>
    new DodoPayments({ bearerToken: key, baseURL: url, fetch: checkedFetch, maxRetries: 0 });

  return {
    url,
    database,
    databaseUrl: testDatabase.url,
    businessId: created.business.business_id,
    key: created.keys[0]!.key,
    spec,
    client,
    async newTenant(mode: Mode = 'test') {
      const business = await createBusiness(database, `tenant-${Math.random().toString(36).slice(2, 8)}`);
      const issued = await createApiKey(database.db, business.business_id, mode);
      return { businessId: business.business_id, key: issued.key, client: client(issued.key) };
    },
    keyFor: (businessId, mode) => createApiKey(database.db, businessId, mode),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const key = options.key === undefined ? created.keys[0]!.key : options.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      // Raw: a redirect is answered as it is, not followed to wherever it points.
      const response = await checkedFetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: jsonOf(text) };
    },
    async send(method, path, options) {
      const headers: Record<string, string> = { authorization: `Bearer ${created.keys[0]!.key}`, ...options.headers };
      const { body, chunked } = options;
      if (chunked) headers['transfer-encoding'] = 'chunked';
      else if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const { status, responseHeaders, text } = await exchange(`${url}${path}`, method, headers, body);
      spec.checkText(method, `${url}${path}`, status, responseHeaders.get('content-type') ?? '', text);
      return { status, headers: responseHeaders, text, json: jsonOf(text) };
    },
    async close() {
      await app.close();
      await database.close();
      await blobs.close();
      await testDatabase.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The body parsed as JSON, or undefined when it is empty or not JSON. */
function jsonOf(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** node:http rather than fetch, which adds headers of its own and drops an empty body's framing on DELETE. */
function exchange(
  target: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; responseHeaders: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(target, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const one of [value ?? []].flat()) responseHeaders.append(name, one);
        }
        resolve({ status: response.statusCode ?? 0, responseHeaders, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    // Two chunks show that the body is read whole, whatever its framing.
    if (body) {
      const half = Math.floor(body.length / 2);
      request.write(body.slice(0, half));
      request.write(body.slice(half));
    }
    request.end();
  });
}

/**
 * Registers a server for the enclosing test file or suite: started before its tests, closed after, and
 * after each test no response may have broken the spec.
 */
export function useServer(options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer(options);
  });
  after(async () => {
    await server?.close();
  });
  afterEach(() => {
    if (server) assert.deepEqual(server.spec.violations.splice(0), [], 'responses must match the spec');
  });
  return () => {
    if (!server) throw new Error('the server starts in before()');
    return server;
  };
}
