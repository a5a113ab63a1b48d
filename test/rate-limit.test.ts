import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { Redis } from 'ioredis';
import { randomBase62 } from '../src/lib/ids.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { type ServerProcess, startServerProcess } from './support/process.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const keysOf = (output: string) => ({
  test: /test mode: (\S+)/.exec(output)?.[1] ?? '',
  live: /live mode: (\S+)/.exec(output)?.[1] ?? '',
});

const list = (url: string, key: string) =>
  fetch(`${url}/products`, { headers: { authorization: `Bearer ${key}` } }).then(async (r) => ({
    status: r.status,
    retryAfter: r.headers.get('retry-after'),
    body: await r.json(),
  }));

describe('rate limits per API key, counted in Redis by three processes', () => {
  const prefix = `pricebook-test-${randomBase62(10)}:`;
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let keys: { test: string; live: string };
  const redis = new Redis(REDIS_URL, { lazyConnect: true });

  before(async () => {
    db = await freshDatabase();
    const env = { RATE_LIMIT_MAX: '12', RATE_LIMIT_WINDOW: '60000', REDIS_URL, REDIS_PREFIX: prefix };
    // The first one bootstraps the business and prints its keys; the other two find it there.
    servers.push(await startServerProcess(db.url, env));
    keys = keysOf(servers[0]!.output());
    servers.push(...(await Promise.all([startServerProcess(db.url, env), startServerProcess(db.url, env)])));
    await redis.connect();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    const left = await redis.keys(`${prefix}*`);
    if (left.length) await redis.del(...left);
    redis.disconnect();
    await db?.drop();
    servers = [];
  });

  test('one limit holds across the processes; over it, 429 TOO_MANY_REQUESTS with retry-after', async () => {
    const answers = [];
    for (let i = 0; i < 36; i++) answers.push(await list(servers[i % 3]!.url, keys.test));
    assert.equal(answers.filter((a) => a.status === 200).length, 12, 'twelve requests in all, not twelve each');
    const refused = answers.filter((a) => a.status !== 200);
    assert.equal(refused.length, 24);
    for (const answer of refused) {
      assert.equal(answer.status, 429);
      assert.equal(answer.body.code, 'TOO_MANY_REQUESTS');
      assert.equal(typeof answer.body.message, 'string');
      const seconds = Number(answer.retryAfter);
      assert.ok(Number.isInteger(seconds) && seconds > 0 && seconds <= 60, `retry-after ${answer.retryAfter}`);
    }
    assert.ok((await redis.keys(`${prefix}rate-limit:*`)).length > 0, 'the counts live in Redis');
  });

  test('another key has its own count', async () => {
    for (const server of servers) assert.equal((await list(server.url, keys.live)).status, 200);
  });
});

describe('the official SDK and a 429', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await freshDatabase();
    server = await startServerProcess(db.url, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1500' });
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  test('waits for retry-after, then retries and succeeds', async () => {
    const attempts: { at: number; status: number; retryAfter: string | null }[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      attempts.push({ at: Date.now(), status: response.status, retryAfter: response.headers.get('retry-after') });
      return response;
    };
    const client = new DodoPayments({
      bearerToken: keysOf(server.output()).test,
      baseURL: server.url,
      fetch: recording,
      maxRetries: 3,
    });
    for (let i = 0; i < 5; i++) assert.ok(Array.isArray((await client.products.list()).items));

    const limited = attempts.findIndex((a) => a.status === 429);
    assert.ok(limited >= 0, 'the limit was reached');
    const { at, retryAfter } = attempts[limited]!;
    const next = attempts[limited + 1];
    assert.ok(next, 'the SDK retried');
    assert.ok(next.at - at >= Number(retryAfter) * 1000 - 50, `retried after ${next.at - at} ms, told ${retryAfter} s`);
  });
});

describe('requests without a valid key count too, before the key is looked up', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await freshDatabase();
    server = await startServerProcess(db.url, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '60000' });
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  test('from one address, keyless and unknown-key requests share a count: 401 twice, then 429', async () => {
    const statuses = [];
    for (const authorization of [undefined, 'Bearer nope', 'Basic abc', undefined]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      statuses.push((await fetch(`${server.url}/products`, { headers })).status);
    }
    assert.deepEqual(statuses, [401, 401, 429, 429]);
  });

  test('a key of its own shape is counted by itself, known or not', async () => {
    const unknown = `pb_test_${randomBase62(32)}`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await list(server.url, unknown)).status);
    assert.deepEqual(statuses, [401, 401, 429]);
    assert.equal((await list(server.url, keysOf(server.output()).test)).status, 200);
  });
});

describe('Redis unreachable when the server starts', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await freshDatabase();
    // Port 1: nothing listens there, so every connection attempt is refused.
    server = await startServerProcess(db.url, { RATE_LIMIT_MAX: '2', REDIS_URL: 'redis://127.0.0.1:1' });
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  test('the server starts and answers; requests go uncounted', async () => {
    const key = keysOf(server.output()).test;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await list(server.url, key)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200]);
  });
});
