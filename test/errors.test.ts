import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

async function count(): Promise<number> {
  return (await server().request('GET', '/products?page_size=100')).json.items.length;
}

describe('bad input', () => {
  test('wrong types get 422 naming every failing field, and nothing is written', async () => {
    const before = await count();
    const res = await server().request('POST', '/products', {
      body: { name: 42, tax_category: 'saas', price: { type: 'one_time_price', price: '10', currency: 'USD' } },
    });
    assert.equal(res.status, 422);
    assert.equal(res.json.code, 'INVALID_REQUEST_BODY');
    assert.match(res.json.message, /body\/name must be string/);
    assert.match(res.json.message, /body\/price\/price must be integer/);
    assert.equal(await count(), before);
  });

  test('a price type that is not one of the three is 422', async () => {
    const res = await server().request('POST', '/products', {
      body: { ...oneTimeProduct(), price: { type: 'free', price: 0, currency: 'USD' } },
    });
    assert.deepEqual([res.status, res.json.code], [422, 'INVALID_REQUEST_BODY']);
  });

  test('out-of-range numbers are 422, not stored wrapped around', async () => {
    for (const price of [-1, 2 ** 31, 1.5]) {
      const res = await server().request('POST', '/products', {
        body: { ...oneTimeProduct(), price: { ...oneTimeProduct().price, price } },
      });
      assert.equal(res.status, 422, `price ${price}`);
    }
  });

  test('malformed JSON is 400 MALFORMED_JSON', async () => {
    const res = await server().request('POST', '/products', { raw: '{"name": "x",' });
    assert.deepEqual([res.status, res.json.code], [400, 'MALFORMED_JSON']);
  });

  test('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await server().request('POST', '/products', {
      body: { ...oneTimeProduct(), description: 'x'.repeat(1024 * 1024) },
    });
    assert.deepEqual([res.status, res.json.code], [413, 'PAYLOAD_TOO_LARGE']);
  });

  test('a body that is not JSON is 415', async () => {
    const res = await server().request('POST', '/products', {
      raw: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.status, 415);
    assert.equal(res.json.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('an unknown route is 404 NOT_FOUND, and the SDK raises NotFoundError', async () => {
    const res = await server().request('GET', '/_stainless_unknown_path');
    assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND']);
    await assert.rejects(server().client().get('/_stainless_unknown_path'), DodoPayments.NotFoundError);
  });

  test('SDK errors carry the code and message', async () => {
    const err = await server()
      .client()
      .products.retrieve('pdt_missing')
      .catch((e: unknown) => e);
    assert.ok(err instanceof DodoPayments.NotFoundError);
    assert.deepEqual(Object.keys(err.error as object).sort(), ['code', 'message']);
  });

  test('unknown request fields are ignored', async () => {
    const res = await server().request('POST', '/products', { body: { ...oneTimeProduct(), sparkle: true } });
    assert.equal(res.status, 200);
    assert.equal('sparkle' in res.json, false);
  });
});

describe('browsers', () => {
  test('a CORS preflight on an API path is answered 204 with the origin allowed, without a key', async () => {
    const res = await server().request('OPTIONS', '/products/pdt_x', {
      key: null,
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PATCH' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  });
});
