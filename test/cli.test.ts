import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct } from './support/factories.ts';
import { bootstrapKey, runCli, type ServerProcess, startServerProcess } from './support/process.ts';
import { msUntilRefused } from './support/revocation.ts';

describe('the admin CLI, while the server runs', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    db = await freshDatabase();
    server = await startServerProcess(db.url);
  });
  after(async () => {
    await server.stop();
    await db.drop();
  });

  test('the first start creates the default business and prints a test and a live key with an SDK line', async () => {
    const output = server.output();
    assert.match(output, /test mode: pb_test_\w{32}/);
    assert.match(output, /live mode: pb_live_\w{32}/);
    assert.match(output, /new DodoPayments\(\{ bearerToken: 'pb_test_\w+', baseURL: 'http:\/\/127\.0\.0\.1:\d+' \}\)/);
    const { businesses } = (await runCli(db.url, 'businesses', 'list')) as { businesses: { name: string }[] };
    assert.deepEqual(
      businesses.map((b) => b.name),
      ['default'],
    );
  });

  test('a business and key made with the CLI work at once, and a revoked key is refused within 1 s', async () => {
    const business = await runCli(db.url, 'businesses', 'create', '--name', 'Acme');
    assert.match(String(business.business_id), /^bus_\w{21}$/);
    assert.equal(business.brand_id, business.business_id);
    assert.equal(business.name, 'Acme');

    const issued = await runCli(db.url, 'keys', 'create', '--business', String(business.business_id), '--mode', 'live');
    assert.deepEqual(Object.keys(issued).sort(), ['business_id', 'key', 'key_id', 'mode', 'read_only']);
    assert.equal(issued.mode, 'live');
    const client = new DodoPayments({ bearerToken: String(issued.key), baseURL: server.url, maxRetries: 0 });
    const product = await client.products.create(oneTimeProduct());
    assert.equal(product.business_id, business.business_id);

    const { keys } = (await runCli(db.url, 'keys', 'list', '--business', String(business.business_id))) as {
      keys: { key_id: string; revoked_at: string | null }[];
    };
    assert.deepEqual(
      keys.map((k) => k.key_id),
      [issued.key_id],
    );
    assert.ok(!JSON.stringify(keys).includes(String(issued.key)), 'listing never shows a key');

    // The server has just used the key, so it holds it in memory: the revocation must still reach it.
    const revoked = await runCli(db.url, 'keys', 'revoke', '--key-id', String(issued.key_id));
    assert.ok(revoked.revoked_at);
    const ms = await msUntilRefused(client);
    assert.ok(ms <= 1000, `refused after ${ms} ms`);
  });

  test('the default key from the first start works with the SDK', async () => {
    const client = new DodoPayments({ bearerToken: bootstrapKey(server.output()), baseURL: server.url, maxRetries: 0 });
    assert.ok(Array.isArray((await client.products.list()).items));
  });

  test('mistakes are reported, not crashed on', async () => {
    await assert.rejects(
      runCli(db.url, 'keys', 'create', '--business', 'bus_nope', '--mode', 'test'),
      /exit 1: \{"error":"no business bus_nope"\}/,
    );
    await assert.rejects(
      runCli(db.url, 'keys', 'create', '--business', 'bus_x', '--mode', 'staging'),
      /exit 2: --mode must be test or live/,
    );
    await assert.rejects(runCli(db.url, 'frobnicate'), /exit 2: unknown command: frobnicate\nusage: pricebook/);
  });
});

describe('the admin CLI on an empty database', () => {
  test('processes started at once on an empty database all migrate it, without tripping on each other', async () => {
    // The race is a matter of timing: a few rounds of six make a missing lock show up (without it, 4 of 30 failed).
    for (let round = 0; round < 3; round++) {
      const db = await freshDatabase();
      try {
        const runs = await Promise.allSettled(Array.from({ length: 6 }, () => runCli(db.url, 'businesses', 'list')));
        const failures = runs.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        assert.deepEqual(failures, []);
      } finally {
        await db.drop();
      }
    }
  });
});
