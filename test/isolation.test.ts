import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { KEY_TRUST_MS } from '../src/accounts/key-cache.ts';
import { listApiKeys, revokeApiKey } from '../src/accounts/service.ts';
import { oneTimeProduct } from './support/factories.ts';
import { msUntilRefused } from './support/revocation.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('businesses and modes', () => {
  test('another business and the other mode see none of a product: 404 on every operation, absent from lists', async () => {
    const owner = server().client();
    const product = await owner.products.create(oneTimeProduct());
    const otherBusiness = await server().newTenant('test');
    const liveKey = (await server().keyFor(server().businessId, 'live')).key;

    for (const key of [otherBusiness.key, liveKey]) {
      for (const [method, path, body] of [
        ['GET', `/products/${product.product_id}`, undefined],
        ['PATCH', `/products/${product.product_id}`, { name: 'stolen' }],
        ['DELETE', `/products/${product.product_id}`, undefined],
        ['POST', `/products/${product.product_id}/unarchive`, undefined],
      ] as const) {
        const res = await server().request(method, path, { body, key });
        assert.deepEqual([res.status, res.json?.code], [404, 'NOT_FOUND'], `${method} ${path}`);
      }
      const list = await server().request('GET', '/products?page_size=100', { key });
      assert.ok(!list.json.items.some((p: { product_id: string }) => p.product_id === product.product_id));
    }
    assert.equal((await owner.products.retrieve(product.product_id)).name, oneTimeProduct().name, 'nothing changed');
  });

  test('the live mode of a business has its own primary brand and products', async () => {
    const liveKey = (await server().keyFor(server().businessId, 'live')).key;
    const live = server().client(liveKey);
    const product = await live.products.create(oneTimeProduct({ name: 'Live only' }));
    assert.equal(product.brand_id, server().businessId);
    const testList = await server().client().products.list({ page_number: 0, page_size: 100 });
    assert.ok(!testList.items.some((p) => p.product_id === product.product_id));
  });
});

describe('API keys', () => {
  test('a missing, malformed, unknown or revoked key gets 401 UNAUTHORIZED', async () => {
    const expected = [401, 'UNAUTHORIZED'];
    assert.deepEqual(await statusAndCode({ key: null }), expected);
    assert.deepEqual(await statusAndCode({ key: null, headers: { authorization: 'Basic abc' } }), expected);
    assert.deepEqual(await statusAndCode({ key: 'pb_test_unknown' }), expected);
    const tenant = await server().newTenant();
    assert.equal((await server().request('GET', '/products', { key: tenant.key })).status, 200);
    const [issued] = await listApiKeys(server().database.db, tenant.businessId);
    await revokeApiKey(server().database.db, issued!.key_id);
    const ms = await msUntilRefused(tenant.client);
    assert.ok(ms <= 1000, `refused within 1 s of its revocation, not after ${ms} ms`);
    assert.deepEqual(await statusAndCode({ key: tenant.key }), expected);
  });

  test('the change signal, not the 1 s trust bound, refuses a key revoked right after it was cached', async () => {
    const tenant = await server().newTenant();
    const [issued] = await listApiKeys(server().database.db, tenant.businessId);
    // The cache keeps the key from within this request on; without the signal (SQLite's data_version, or
    // PostgreSQL's NOTIFY) nothing could refuse it before KEY_TRUST_MS from here.
    const cachedFrom = Date.now();
    assert.equal((await server().request('GET', '/products', { key: tenant.key })).status, 200);
    await revokeApiKey(server().database.db, issued!.key_id);
    await msUntilRefused(tenant.client);
    const ms = Date.now() - cachedFrom;
    assert.ok(ms < KEY_TRUST_MS, `refused ${ms} ms after it was cached: the signal did not reach the cache`);
  });

  test('/health answers without a key', async () => {
    const res = await server().request('GET', '/health', { key: null });
    assert.equal(res.status, 200);
  });

  test('the database holds no API key in clear', async () => {
    const tenant = await server().newTenant();
    const rows = await sql<Record<string, unknown>>`SELECT * FROM api_keys`.execute(server().database.db);
    const dump = JSON.stringify(rows.rows);
    assert.ok(rows.rows.length >= 3);
    assert.ok(!dump.includes(tenant.key), 'the new key is not stored');
    assert.ok(!dump.includes(server().key), 'the bootstrap key is not stored');
  });
});

async function statusAndCode(options: { key: string | null; headers?: Record<string, string> }) {
  const res = await server().request('GET', '/products', options);
  return [res.status, res.json?.code];
}
