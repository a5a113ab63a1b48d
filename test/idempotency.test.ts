import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { randomBase62 } from '../src/lib/ids.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct } from './support/factories.ts';
import { bootstrapKey, type ServerProcess, startServerProcess } from './support/process.ts';
import { useServer } from './support/server.ts';

const DAY = 24 * 60 * 60 * 1000;
const newKey = () => `idem-${randomBase62(16)}`;

/** One POST or PATCH with an Idempotency-Key, over plain fetch: 409 is not an answer the spec lists. */
async function send(url: string, bearer: string, method: string, path: string, body: unknown, key: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    text: await response.text(),
  };
}

async function productsNamed(client: DodoPayments, name: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const p of client.products.list({ page_size: 100 })) if (p.name === name) ids.push(p.product_id);
  return ids;
}

describe('Idempotency-Key on one server', () => {
  let clockOffset = 0;
  const slowOnce = new Set<string>();
  const server = useServer({
    clock: () => Date.now() + clockOffset,
    // The first answer under a chosen key is held back, as a slow network or a long pause would.
    beforeListen: (app) =>
      app.addHook('onSend', async (request) => {
        const key = request.headers['idempotency-key'];
        if (typeof key === 'string' && slowOnce.delete(key)) await new Promise((r) => setTimeout(r, 3000));
      }),
  });
  const post = (body: unknown, key: string, bearer = server().key) =>
    send(server().url, bearer, 'POST', '/products', body, key);

  test("the SDK's retry of a timed-out create gets the first product, and creates nothing more", async () => {
    const key = newKey();
    const name = `timed-out-${key}`;
    slowOnce.add(key);
    const answers: string[] = [];
    const client = new DodoPayments({
      bearerToken: server().key,
      baseURL: server().url,
      timeout: 500,
      maxRetries: 5,
      fetch: (input, init) =>
        fetch(input, init).then(
          (response) => {
            answers.push(`${response.status} ${response.headers.get('idempotent-replayed') ?? ''}`.trim());
            return response;
          },
          (error) => {
            answers.push('timed out');
            throw error;
          },
        ),
    });
    const product = await client.products.create(oneTimeProduct({ name }), { headers: { 'Idempotency-Key': key } });
    // Timed out, then retried while the first was still running (409, retried after retry-after), then replayed.
    assert.equal(answers[0], 'timed out');
    assert.ok(answers.includes('409'), answers.join(', '));
    assert.equal(answers.at(-1), '200 true');
    assert.deepEqual(await productsNamed(server().client(), name), [product.product_id]);
  });

  test('the same key and body get the first answer again; another body under the key is 422', async () => {
    const key = newKey();
    const body = oneTimeProduct({ name: `replayed-${key}` });
    const first = await post(body, key);
    assert.equal(first.status, 200);
    const again = await post(body, key);
    assert.deepEqual({ status: again.status, text: again.text }, { status: first.status, text: first.text });
    assert.equal(again.replayed, 'true');
    assert.equal((await productsNamed(server().client(), body.name)).length, 1);

    const other = await post({ ...body, name: 'something else' }, key);
    assert.equal(other.status, 422);
    assert.equal(JSON.parse(other.text).code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await productsNamed(server().client(), 'something else')).length, 0);
  });

  test('a PATCH replayed does not apply again over a later change', async () => {
    const product = await server().client().products.create(oneTimeProduct());
    const key = newKey();
    const path = `/products/${product.product_id}`;
    const first = await send(server().url, server().key, 'PATCH', path, { description: 'first' }, key);
    await server().client().products.update(product.product_id, { description: 'later' });
    const again = await send(server().url, server().key, 'PATCH', path, { description: 'first' }, key);
    assert.deepEqual({ status: again.status, text: again.text }, { status: first.status, text: first.text });
    assert.equal((await server().client().products.retrieve(product.product_id)).description, 'later');
  });

  test('a refused request is replayed as refused', async () => {
    const key = newKey();
    const first = await post({ name: 'no price' }, key);
    assert.equal(first.status, 422);
    const again = await post({ name: 'no price' }, key);
    assert.deepEqual({ status: again.status, text: again.text }, { status: first.status, text: first.text });
  });

  test('an upload sent twice with one key (a new multipart boundary each time) gets the first answer', async () => {
    const created = await server().request('POST', '/entitlements', {
      body: { name: 'files', integration_type: 'digital_files', integration_config: { digital_file_ids: [] } },
    });
    assert.equal(created.status, 200);
    const entitlementId: string = created.json.id;
    const form = new FormData();
    form.append('file', new File([new Uint8Array([1, 2, 3])], 'a.bin'));
    const key = newKey();
    const upload = () =>
      fetch(`${server().url}/entitlements/${entitlementId}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server().key}`, 'idempotency-key': key },
        body: form,
      }).then(async (r) => ({
        status: r.status,
        replayed: r.headers.get('idempotent-replayed'),
        text: await r.text(),
      }));
    const first = await upload();
    assert.equal(first.status, 201, first.text);
    const again = await upload();
    assert.deepEqual({ status: again.status, text: again.text }, { status: first.status, text: first.text });
    assert.equal(again.replayed, 'true');
  });

  test('keys belong to one business and mode', async () => {
    const key = newKey();
    const body = oneTimeProduct({ name: `shared-key-${key}` });
    const mine = JSON.parse((await post(body, key)).text);
    const tenant = await server().newTenant();
    const theirs = JSON.parse((await post(body, key, tenant.key)).text);
    assert.notEqual(theirs.product_id, mine.product_id);
    assert.equal(theirs.business_id, tenant.businessId);
  });

  test('after 24 hours a key is free again', async () => {
    const key = newKey();
    const first = JSON.parse((await post(oneTimeProduct({ name: `day-one-${key}` }), key)).text);
    clockOffset = DAY + 60_000;
    try {
      const next = await post(oneTimeProduct({ name: `day-two-${key}` }), key);
      assert.equal(next.status, 200);
      assert.notEqual(JSON.parse(next.text).product_id, first.product_id);
    } finally {
      clockOffset = 0;
    }
  });
});

describe('Idempotency-Key across two processes', () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let bearer: string;
  before(async () => {
    db = await freshDatabase();
    servers.push(await startServerProcess(db.url));
    bearer = bootstrapKey(servers[0]!.output());
    servers.push(await startServerProcess(db.url));
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
    await db?.drop();
  });

  test('a retry through the other process gets the first answer; another body is 422 there too', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const key = newKey();
    const body = oneTimeProduct({ name: `two-processes-${key}` });
    const first = await send(a.url, bearer, 'POST', '/products', body, key);
    assert.equal(first.status, 200);
    const again = await send(b.url, bearer, 'POST', '/products', body, key);
    assert.deepEqual({ status: again.status, text: again.text }, { status: first.status, text: first.text });
    const other = await send(b.url, bearer, 'POST', '/products', { ...body, name: 'other' }, key);
    assert.equal(other.status, 422);
    const client = new DodoPayments({ bearerToken: bearer, baseURL: b.url, maxRetries: 0 });
    assert.equal((await productsNamed(client, body.name)).length, 1);
  });
});
