import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, mock, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import DodoPayments from 'dodopayments';
import { startPricebook } from '../../src/testing.ts';
import type * as Published from '../../types/testing.js';
import { oneTimeProduct } from '../support/factories.ts';
import { png } from '../support/images.ts';
import { put } from '../support/uploads.ts';

// The hand-written types users get must describe what src/testing.ts does: `npm run typecheck` fails here if not.
const published: typeof Published.startPricebook = startPricebook;

describe('startPricebook (pricebook/testing)', () => {
  test('a server with a business and its keys; the SDK works against it; two of them are independent', async () => {
    const [one, two] = await Promise.all([published(), published()]);
    try {
      assert.notEqual(one.url, two.url);
      assert.match(one.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(one.testKey, /^pb_test_/);
      assert.match(one.liveKey, /^pb_live_/);
      const test = new DodoPayments({ bearerToken: one.testKey, baseURL: one.url, maxRetries: 0 });
      const live = new DodoPayments({ bearerToken: one.liveKey, baseURL: one.url, maxRetries: 0 });
      const product = await test.products.create(oneTimeProduct());
      assert.equal(product.business_id, one.businessId);
      assert.deepEqual((await live.products.list()).items, [], 'the live key is the same business in live mode');
      const other = new DodoPayments({ bearerToken: two.testKey, baseURL: two.url, maxRetries: 0 });
      assert.deepEqual((await other.products.list()).items, []);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('writes are answered while the test suite fakes setImmediate', { timeout: 10_000 }, async () => {
    const pricebook = await startPricebook();
    // What Vitest's and Jest's fake timers do by default; node:test's stand in for them.
    mock.timers.enable({ apis: ['setImmediate'] });
    try {
      const client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url, maxRetries: 0 });
      const product = await client.products.create(oneTimeProduct());
      assert.equal((await client.products.retrieve(product.product_id)).name, product.name);
    } finally {
      mock.timers.reset();
      await pricebook.close();
    }
  });

  test('reset, faults and requests act on the test mode of its business, in-process', async () => {
    const pricebook = await startPricebook();
    try {
      const client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url });
      const live = new DodoPayments({ bearerToken: pricebook.liveKey, baseURL: pricebook.url, maxRetries: 0 });
      await client.products.create(oneTimeProduct());
      await live.products.create(oneTimeProduct());

      const rule = pricebook.faults.add({ operation: 'listProducts', status: 503, retry_after_ms: 5, times: 1 });
      assert.deepEqual(
        pricebook.faults.list().map((r) => r.id),
        [rule.id],
      );
      assert.equal((await client.products.list()).items.length, 1, 'the SDK retried the 503');
      assert.deepEqual(
        pricebook.requests(3).map((r) => `${r.method} ${r.path} ${r.status}`),
        ['GET /products 200', 'GET /products 503', 'POST /products 200'],
        'the live-mode request is not among them',
      );

      pricebook.faults.add({ status: 500 });
      await pricebook.reset();
      assert.deepEqual(pricebook.faults.list(), [], 'a reset removes the fault rules');
      assert.deepEqual((await client.products.list()).items, []);
      assert.equal((await live.products.list()).items.length, 1, 'live mode is kept');
    } finally {
      await pricebook.close();
    }
  });

  test('apply() seeds the test mode from a catalog file, again after a reset, and throws naming what failed', async () => {
    const catalog = fileURLToPath(new URL('../../docs/examples/catalog/catalog.yaml', import.meta.url));
    const pricebook = await startPricebook();
    try {
      const client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url, maxRetries: 0 });
      const names = async () => (await client.products.list({ page_size: 100 })).items.map((p) => p.name).sort();
      const first = await pricebook.apply(catalog);
      assert.ok(first.created > 0);
      const seeded = await names();
      assert.ok(seeded.includes('Pro (monthly)'), `seeded: ${seeded.join(', ')}`);
      assert.equal((await pricebook.apply(catalog)).plan.changes.length, 0, 'a second apply changes nothing');
      assert.equal(existsSync(`${catalog}.state.json`), false, 'no state file is left beside the catalog');

      await pricebook.reset();
      await pricebook.apply(catalog);
      assert.deepEqual(await names(), seeded, 'after a reset the same catalog, with no duplicates');

      await pricebook.reset();
      pricebook.faults.add({ operation: 'createBrand', status: 400, code: 'BAD_BRAND', message: 'no brands today' });
      await assert.rejects(
        pricebook.apply(catalog),
        /brands "acme": 400 BAD_BRAND no brands today\n {2}products "pro-monthly": skipped/,
      );
    } finally {
      await pricebook.close();
    }
  });

  test('close() stops the server and removes the files it wrote', async () => {
    const folders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('pricebook-testing-'));
    const earlier = folders();
    const pricebook = await startPricebook();
    const client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url, maxRetries: 0 });
    const product = await client.products.create(oneTimeProduct());
    const issued = await client.products.images.update(product.product_id, { force_update: true });
    assert.equal((await put(String(issued.url), png(), 'image/png')).status, 200);
    const written = folders().filter((name) => !earlier.includes(name));
    assert.equal(written.length, 1, 'the upload is on disk, in a folder of its own');
    await pricebook.close();
    assert.equal(existsSync(join(tmpdir(), String(written[0]))), false);
    await assert.rejects(fetch(`${pricebook.url}/health`), 'nothing listens any more');
  });
});
