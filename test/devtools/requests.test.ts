import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiKey } from '../../src/accounts/service.ts';
import { LOG_CAPACITY, type LoggedRequest as Logged } from '../../src/devtools/request-log.ts';
import { oneTimeProduct } from '../support/factories.ts';
import { useServer } from '../support/server.ts';

describe('x-request-id and the request log', () => {
  const server = useServer();

  const log = async (limit = 500, key?: string): Promise<Logged[]> =>
    (await server().request('GET', `/_pricebook/requests?limit=${limit}`, { key })).json.items;

  test('every response carries x-request-id: a plain one sent by the client is kept, anything else replaced', async () => {
    const kept = await server().request('GET', '/products', { headers: { 'x-request-id': 'ci-run-42.step:7' } });
    assert.equal(kept.headers.get('x-request-id'), 'ci-run-42.step:7');
    for (const sent of ['has spaces', 'x'.repeat(200)]) {
      const replaced = await server().request('GET', '/products', { headers: { 'x-request-id': sent } });
      assert.match(String(replaced.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
    }
    const unauthenticated = await server().request('GET', '/products', { key: null });
    assert.match(String(unauthenticated.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
    const missing = await server().request('GET', '/nowhere');
    assert.ok(missing.headers.get('x-request-id'));
    assert.equal((await log()).find((r) => r.request_id === 'ci-run-42.step:7')?.path, '/products');
  });

  test('a request is logged with what was sent and answered, newest first, never with the key', async () => {
    const product = await server()
      .client()
      .products.create(oneTimeProduct({ name: 'Logged' }));
    await server().request('GET', '/products?page_size=5&archived=false', { headers: { 'x-request-id': 'listing' } });
    await server().request('POST', '/products', { body: { name: 'no price' } });
    const [refused, listed, created] = await log(3);
    assert.equal(created?.method, 'POST');
    assert.equal(created?.path, '/products');
    assert.equal(created?.status, 200);
    assert.equal(JSON.parse(String(created?.request_body)).name, 'Logged');
    assert.equal(JSON.parse(String(created?.response_body)).product_id, product.product_id);
    assert.ok(Number(created?.duration_ms) >= 0);
    assert.ok(Math.abs(Date.parse(String(created?.started_at)) - Date.now()) < 60_000);
    assert.deepEqual(
      [listed?.request_id, listed?.path, listed?.query, listed?.request_body],
      ['listing', '/products', 'page_size=5&archived=false', null],
    );
    assert.equal(refused?.status, 422);
    assert.equal(JSON.parse(String(refused?.response_body)).code, 'INVALID_REQUEST_BODY');
    assert.ok(Number(listed?.id) > Number(created?.id));
    assert.ok(!JSON.stringify(await log()).includes(server().key), 'the key appears nowhere');
  });

  test('bodies are cut to 4 KiB, saying how much was left out', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, 'v'.repeat(450)]));
    await server().client().products.create(oneTimeProduct({ metadata }));
    const [entry] = await log(1);
    for (const body of [entry?.request_body, entry?.response_body]) {
      assert.ok(body && body.length < 4200, 'cut');
      assert.match(body, /^\{.{4000,}… \(\d+ more\)$/);
    }
  });

  test('a body is not cut between the two halves of an emoji', async () => {
    const bodies: string[] = [];
    // Names one character apart: in one of the two, the cut falls between an emoji's halves, in each body.
    for (const name of ['p', 'pp']) {
      const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, '😀'.repeat(240)]));
      const product = oneTimeProduct({ name, metadata });
      assert.equal((await server().request('POST', '/products', { body: product })).status, 200);
      const [entry] = await log(1);
      bodies.push(String(entry?.request_body), String(entry?.response_body));
    }
    for (const body of bodies) {
      assert.match(body, /… \(\d+ more\)$/);
      assert.ok(!body.includes('\ufffd'), 'no half of a character became U+FFFD');
    }
  });

  test('a long page sent again from the kept pages is logged as the JSON it was, cut like any other', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, 'v'.repeat(450)]));
    for (let i = 0; i < 2; i++) await server().client().products.create(oneTimeProduct({ metadata }));
    for (let i = 0; i < 2; i++) assert.equal((await server().request('GET', '/products?page_size=2')).status, 200);
    const [again, first] = await log(2);
    assert.match(String(first?.response_body), /^\{"items":\[\{.{4000,}… \(\d+ more\)$/);
    assert.equal(again?.response_body, first?.response_body);
  });

  test("only the key's business and mode are shown; requests of the /_pricebook endpoints are not logged", async () => {
    const tenant = await server().newTenant('test');
    await tenant.client.products.list();
    const live = (await server().keyFor(server().businessId, 'live')).key;
    await server().client(live).brands.list();
    assert.deepEqual(
      (await log(500, tenant.key)).map((r) => `${r.method} ${r.path}`),
      ['GET /products'],
    );
    assert.deepEqual(
      (await log(500, live)).map((r) => `${r.method} ${r.path}`),
      ['GET /brands'],
      'a live key reads its own mode',
    );
    assert.ok((await log()).every((r) => !r.path.startsWith('/_pricebook')));
  });

  test('a read-only key may not read the log, which holds the upload URLs writers were sent; a writer may', async () => {
    const product = await server().client().products.create(oneTimeProduct());
    const issued = await server().request('PUT', `/products/${product.product_id}/images`);
    assert.equal(issued.status, 200);
    for (const mode of ['test', 'live'] as const) {
      const reader = await createApiKey(server().database.db, server().businessId, mode, { readOnly: true });
      const refused = await server().request('GET', '/_pricebook/requests', { key: reader.key });
      assert.equal(refused.status, 403, mode);
      assert.equal(refused.json.code, 'READ_ONLY_API_KEY');
      assert.match(refused.json.message, /writers were sent/);
    }
    const logged = (await log()).find((r) => r.method === 'PUT');
    assert.equal(JSON.parse(String(logged?.response_body)).url, issued.json.url);
    const doc = (await server().request('GET', '/openapi.json')).json;
    assert.ok(doc.paths['/_pricebook/requests'].get.responses['403'], '/openapi.json lists the 403');
  });

  test('limit: 50 by default, 500 at most, 1 at least', async () => {
    for (let i = 0; i < 60; i++) await server().request('GET', '/meters');
    assert.equal((await server().request('GET', '/_pricebook/requests')).json.items.length, 50);
    for (const limit of [0, 501, 'x']) {
      const refused = await server().request('GET', `/_pricebook/requests?limit=${limit}`);
      assert.equal(refused.status, 422, String(limit));
    }
  });

  test(`the log keeps the last ${LOG_CAPACITY} requests of the process`, async () => {
    for (let i = 0; i < LOG_CAPACITY + 10; i++) {
      await server().request('GET', '/brands', { headers: { 'x-request-id': `fill-${i}` } });
    }
    const kept = await log(500);
    assert.equal(kept[0]?.request_id, `fill-${LOG_CAPACITY + 9}`);
    const tenant = await server().newTenant('test');
    await tenant.client.products.list();
    assert.equal((await log(500, tenant.key)).length, 1);
    const ids = (await log(500)).map((r) => r.request_id);
    assert.ok(!ids.includes('fill-0'));
  });
});
