import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { entitlement, meter } from './support/catalog-factories.ts';
import { oneTimeProduct } from './support/factories.ts';
import { type RawResponse, useServer } from './support/server.ts';
import { put } from './support/uploads.ts';

// The reproductions of issue 12: input a hostile client sends gets a 4xx `{code, message}` on either store,
// and a refused request writes nothing.

const server = useServer();

const LISTS = [
  '/products',
  '/product-collections',
  '/addons',
  '/meters',
  '/credit-entitlements',
  '/entitlements',
  '/products/short_links',
];

function assertRefused(res: RawResponse, status: number, label: string): void {
  assert.equal(res.status, status, `${label}: ${res.text}`);
  assert.deepEqual(Object.keys(res.json ?? {}).sort(), ['code', 'message'], `${label}: ${res.text}`);
}

async function meterCount(): Promise<number> {
  const res = await server().request('GET', '/meters?page_size=100');
  assert.equal(res.status, 200, res.text);
  return res.json.items.length;
}

async function productId(): Promise<string> {
  return (await server().client().products.create(oneTimeProduct())).product_id;
}

/** Sends bytes on a fresh socket and returns the status and body of what comes back. */
function rawExchange(bytes: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server().url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
    socket.end(bytes);
  });
}

describe('numbers a store cannot hold', () => {
  test('page numbers and sizes beyond int32 are 422 on every paginated list', async () => {
    for (const list of LISTS) {
      for (const query of [
        'page_size=Infinity',
        'page_number=Infinity',
        'page_number=-Infinity',
        'page_size=NaN',
        'page_number=1e300',
        'page_number=9999999999999999999',
        'page_number=1e21',
        'page_size=1e300',
      ]) {
        assertRefused(await server().request('GET', `${list}?${query}`), 422, `${list}?${query}`);
      }
      assert.equal((await server().request('GET', `${list}?page_number=2147483647`)).status, 200, list);
    }
  });

  test('a meter filter value of 1e400 is 422, nothing is stored, and meters stay readable', async () => {
    const before = await meterCount();
    const raw = `{"name":"m","event_name":"e","measurement_unit":"u","aggregation":{"type":"count"},
      "filter":{"conjunction":"and","clauses":[{"key":"k","operator":"equals","value":1e400}]}}`;
    assertRefused(await server().request('POST', '/meters', { raw }), 422, 'filter value 1e400');
    assert.equal(await meterCount(), before);
  });

  test('non-finite metadata values are 422, on create and on patch', async () => {
    const base =
      '"name":"e","integration_type":"feature_flag","integration_config":{"feature_type":"boolean","feature_id":"f"}';
    assertRefused(
      await server().request('POST', '/entitlements', { raw: `{${base},"metadata":{"k":-1e400}}` }),
      422,
      'create',
    );
    const id = (await server().request('POST', '/entitlements', { raw: `{${base}}` })).json.id;
    assertRefused(
      await server().request('PATCH', `/entitlements/${id}`, { raw: '{"metadata":{"k":1e400}}' }),
      422,
      'patch',
    );
    assert.deepEqual((await server().client().entitlements.retrieve(id)).metadata, {});
  });
});

describe('prices that are not objects', () => {
  test('a price that is a number, string, array, boolean or null is 422 on create', async () => {
    for (const price of [-1, 'str', [], true, null]) {
      const res = await server().request('POST', '/products', { body: { ...oneTimeProduct(), price } });
      assertRefused(res, 422, `price ${JSON.stringify(price)}`);
    }
  });

  test('and on patch, where the product keeps its price', async () => {
    const id = await productId();
    for (const price of [-1, 'str', [], true]) {
      assertRefused(
        await server().request('PATCH', `/products/${id}`, { body: { price } }),
        422,
        `price ${JSON.stringify(price)}`,
      );
    }
    assert.equal((await server().client().products.retrieve(id)).price.type, 'one_time_price');
  });
});

test('PATCH brand_id "" is 422, as on create', async () => {
  const id = await productId();
  assertRefused(await server().request('POST', '/products', { body: oneTimeProduct({ brand_id: '' }) }), 422, 'POST');
  assertRefused(await server().request('PATCH', `/products/${id}`, { body: { brand_id: '' } }), 422, 'PATCH');
  assert.equal((await server().client().products.retrieve(id)).brand_id, server().businessId);
});

describe('meter filters', () => {
  const create = (condition: unknown) =>
    server().request('POST', '/meters', {
      body: meter({ filter: { conjunction: 'and', clauses: [condition as never] } }),
    });
  const condition = { key: 'plan', operator: 'equals', value: 'pro' };

  test('a condition with a key of its own is 422 and stores nothing', async () => {
    const before = await meterCount();
    for (const extra of [{ clauses: null }, { clauses: [] }, { clauses: { clauses: 1 } }, { note: 'x' }]) {
      assertRefused(await create({ ...condition, ...extra }), 422, JSON.stringify(extra));
    }
    assert.equal(await meterCount(), before);
  });

  test('a condition carrying a 20,000-deep value is 422', async () => {
    const deep = `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`;
    const raw = `{"name":"m","event_name":"e","measurement_unit":"u","aggregation":{"type":"count"},
      "filter":{"conjunction":"and","clauses":[{"key":"k","operator":"equals","value":"v","x":${deep}}]}}`;
    const before = await meterCount();
    assertRefused(await server().request('POST', '/meters', { raw }), 422, 'deep extra value');
    assert.equal(await meterCount(), before);
  });
});

describe('strings a store cannot hold', () => {
  test('U+0000 in a path, a query or a body string is 422', async () => {
    const id = await productId();
    const cases: [string, string, unknown?][] = [
      ['GET', '/products/a%00b'],
      ['GET', '/meters/%00'],
      ['DELETE', '/addons/%00'],
      ['GET', '/products?brand_id=%00'],
      ['GET', '/products/short_links?product_id=x%00'],
      ['POST', '/products', { ...oneTimeProduct(), name: 'a\u0000b' }],
      ['PATCH', `/products/${id}`, { description: '\u0000' }],
      ['POST', '/products', { ...oneTimeProduct(), metadata: { k: 'v\u0000' } }],
      ['POST', '/brands', { name: '\u0000' }],
    ];
    for (const [method, path, body] of cases) {
      assertRefused(await server().request(method, path, { body }), 422, `${method} ${path} ${JSON.stringify(body)}`);
    }
    assert.equal((await server().client().products.retrieve(id)).description, null);
  });

  test('a lone surrogate, which neither store can keep as sent, is 422', async () => {
    const raw = JSON.stringify({ ...oneTimeProduct(), name: 'a\ud800b' });
    assertRefused(await server().request('POST', '/products', { raw }), 422, 'lone surrogate');
  });

  test('U+0000 in the name of a multipart file part is 422, and no file is attached', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(
      entitlement({ integration_type: 'digital_files', integration_config: { digital_file_ids: [] } }),
    );
    const boundary = 'hostile-boundary';
    for (const disposition of ['filename="a\u0000b.txt"', "filename*=UTF-8''a%00b.txt"]) {
      const res = await server().request('POST', `/entitlements/${id}/files`, {
        raw: `--${boundary}\r\ncontent-disposition: form-data; name="file"; ${disposition}\r\n\r\nbytes\r\n--${boundary}--\r\n`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assertRefused(res, 422, disposition);
    }
    assert.deepEqual((await client.entitlements.retrieve(id)).integration_config, {
      digital_files: { files: [], external_url: null, instructions: null },
    });
  });

  test('JSON nested deeper than any request needs is 422, even where unknown keys are ignored', async () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const price = JSON.stringify(oneTimeProduct().price).replace('{', `{"note":${deep},`);
    const raw = JSON.stringify(oneTimeProduct()).replace(/"price":\{[^}]*\}/, `"price":${price}`);
    assertRefused(await server().request('POST', '/products', { raw }), 422, 'deep array in a price');
  });
});

describe('protocol-level errors', () => {
  test('garbage bytes get 400 {code, message}', async () => {
    const res = await rawExchange('\x16\x03\x01 not http at all\r\n\r\n');
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(JSON.parse(res.body)).sort(), ['code', 'message']);
  });

  test('headers over the limit get 431 {code, message}', async () => {
    const res = await rawExchange(`GET /products HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
    assert.equal(res.status, 431);
    assert.deepEqual(Object.keys(JSON.parse(res.body)).sort(), ['code', 'message']);
  });

  test('a malformed percent-encoding in the path gets 400 {code, message}', async () => {
    assertRefused(await server().request('GET', '/products/%E0%A4%A'), 400, 'bad URL');
  });
});

test('a download is named by the clean base name of the file, never a path', async () => {
  const client = server().client();
  const id = await productId();
  const issued = await client.products.updateFiles(id, { file_name: '../../..\\etc/cron.d/\u202eevil\r\n.sh' });
  assert.equal((await put(issued.url, 'bytes')).status, 200);
  await client.products.update(id, { digital_product_delivery: { files: [issued.file_id] } });
  const [file] = (await client.products.retrieve(id)).digital_product_delivery?.files ?? [];
  assert.ok(file);
  const downloaded = await fetch(file.download_url);
  assert.equal(downloaded.status, 200);
  assert.equal(
    downloaded.headers.get('content-disposition'),
    `attachment; filename="evil.sh"; filename*=UTF-8''evil.sh`,
  );
});
