import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { oneTimeProduct } from '../support/factories.ts';
import { failure } from '../support/sdk-errors.ts';
import { useServer } from '../support/server.ts';

describe('fault injection', () => {
  const server = useServer();

  /** An SDK client as applications configure it: its own retries on (2, the SDK's default). */
  const retrying = (key = server().key) => new DodoPayments({ bearerToken: key, baseURL: server().url });

  async function addFault(rule: Record<string, unknown>, key?: string) {
    const added = await server().request('POST', '/_pricebook/faults', { body: rule, key });
    assert.equal(added.status, 200, added.text);
    return added.json as { id: string };
  }

  /** Statuses of the logged requests to `path`, oldest first. */
  async function statusesOf(method: string, path: string, key?: string): Promise<number[]> {
    const log = await server().request('GET', '/_pricebook/requests?limit=500', { key });
    return (log.json.items as { method: string; path: string; status: number }[])
      .filter((r) => r.method === method && r.path === path)
      .map((r) => r.status)
      .reverse();
  }

  test('the SDK retries two injected 503s with retry-after-ms and succeeds on the third attempt', async () => {
    const rule = await addFault({ operation: 'createProduct', status: 503, retry_after_ms: 10, times: 2 });
    const product = await retrying().products.create(oneTimeProduct({ name: 'After two 503s' }));
    assert.equal(product.name, 'After two 503s');
    assert.deepEqual(await statusesOf('POST', '/products'), [503, 503, 200]);
    const rules = await server().request('GET', '/_pricebook/faults');
    assert.deepEqual(rules.json.items, [], `rule ${rule.id} is used up after its two faults`);
    await server().request('DELETE', '/_pricebook/faults');
  });

  test('the SDK retries an injected 429 and succeeds; the response says which rule and the Dodo-shaped body', async () => {
    const rule = await addFault({ method: 'get', path: '/brands', status: 429, retry_after_ms: 5, times: 1 });
    const raw = await server().request('GET', '/brands');
    assert.equal(raw.status, 429);
    assert.equal(raw.headers.get('x-pricebook-fault'), rule.id);
    assert.equal(raw.headers.get('retry-after-ms'), '5');
    assert.deepEqual(raw.json, {
      code: 'TOO_MANY_REQUESTS',
      message: `Injected by Pricebook fault rule ${rule.id}`,
    });

    await addFault({ method: 'GET', path: '/brands', status: 429, retry_after: 0, times: 1 });
    const brands = await retrying().brands.list();
    assert.equal(brands.items.length, 1);
    assert.equal((await server().request('GET', '/brands')).headers.get('x-pricebook-fault'), null);
  });

  test('the SDK gives up at once where x-should-retry: false, though the status is retryable', async () => {
    await addFault({ path: '/meters', method: 'POST', status: 503, should_retry: false, code: 'MAINTENANCE' });
    const meter = { name: 'Calls', event_name: 'call', measurement_unit: 'calls', aggregation: { type: 'count' } };
    const failed = await failure(retrying().meters.create(meter as DodoPayments.MeterCreateParams));
    assert.deepEqual(failed, { status: 503, code: 'MAINTENANCE' });
    assert.deepEqual(await statusesOf('POST', '/meters'), [503], 'one attempt only');
    await server().request('DELETE', '/_pricebook/faults');
  });

  test('matching: a path pattern with * and an operation name fault only what they name', async () => {
    const product = await server().client().products.create(oneTimeProduct());
    await addFault({ path: '/products/*', method: 'GET', status: 500 });
    const client = server().client();
    assert.equal((await failure(client.products.retrieve(product.product_id))).status, 500);
    assert.equal((await client.products.list()).items.length > 0, true, '/products is not /products/*');
    await server().request('DELETE', '/_pricebook/faults');

    await addFault({ operation: 'listAddons', status: 502 });
    assert.deepEqual(await failure(client.addons.list()), { status: 502, code: 'BAD_GATEWAY' });
    assert.ok(await client.meters.list(), 'another operation is not faulted');
    await server().request('DELETE', '/_pricebook/faults');
  });

  test('latency delays the answer, which then goes through; a dropped connection is a connection error', async () => {
    const rule = await addFault({ operation: 'listMeters', latency_ms: 300, times: 1 });
    const started = performance.now();
    const slow = await server().request('GET', '/meters');
    assert.ok(performance.now() - started >= 300, 'answered after the latency');
    assert.equal(slow.status, 200);
    assert.equal(slow.headers.get('x-pricebook-fault'), rule.id);

    await addFault({ operation: 'listMeters', drop_connection: true, times: 1 });
    await assert.rejects(server().client().meters.list(), DodoPayments.APIConnectionError);
    assert.equal((await server().request('GET', '/meters')).status, 200, 'the next request is answered');
  });

  test('probability 0 never fires; rules are listed, removed one by one, and the rest stay', async () => {
    const never = await addFault({ status: 500, probability: 0 });
    const other = await addFault({ operation: 'listBrands', status: 500, times: 3 });
    for (let i = 0; i < 5; i++) assert.equal((await server().request('GET', '/meters')).status, 200);
    const listed = await server().request('GET', '/_pricebook/faults');
    assert.deepEqual(
      listed.json.items.map((r: { id: string; fired: number; remaining: number | null }) => [
        r.id,
        r.fired,
        r.remaining,
      ]),
      [
        [never.id, 0, null],
        [other.id, 0, 3],
      ],
    );
    const removed = await server().request('DELETE', `/_pricebook/faults/${never.id}`);
    assert.equal(removed.json.id, never.id);
    assert.equal((await server().request('DELETE', `/_pricebook/faults/${never.id}`)).status, 404);
    assert.deepEqual((await server().request('DELETE', '/_pricebook/faults')).json, { deleted: 1 });
  });

  test('a rule without an effect, or with retry headers but no status, is refused with 422', async () => {
    for (const body of [{ path: '/products' }, { latency_ms: 5, retry_after: 1 }, { status: 200 }, { what: 1 }]) {
      const refused = await server().request('POST', '/_pricebook/faults', { body });
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.equal(refused.json.code, 'INVALID_REQUEST_BODY');
    }
    assert.deepEqual((await server().request('GET', '/_pricebook/faults')).json.items, []);
  });

  test('a live key can neither add, list nor clear fault rules: 403 TEST_MODE_ONLY', async () => {
    const live = (await server().keyFor(server().businessId, 'live')).key;
    for (const [method, body] of [
      ['POST', { status: 500 }],
      ['GET', undefined],
      ['DELETE', undefined],
    ] as const) {
      const refused = await server().request(method, '/_pricebook/faults', { body, key: live });
      assert.equal(refused.status, 403, method);
      assert.equal(refused.json.code, 'TEST_MODE_ONLY');
    }
    assert.ok(await server().client(live).products.list(), 'live mode is not faulted');
  });

  test("another business's rules never fire on yours, and yours never on theirs", async () => {
    const tenant = await server().newTenant('test');
    await addFault({ path: '/**', status: 500 }, tenant.key);
    assert.equal((await failure(tenant.client.products.list())).status, 500);
    for (let i = 0; i < 5; i++) assert.ok(await server().client().products.list());
    assert.deepEqual((await server().request('GET', '/_pricebook/faults')).json.items, []);
    const cleared = await server().request('DELETE', '/_pricebook/faults', { key: tenant.key });
    assert.deepEqual(cleared.json, { deleted: 1 });
  });

  test('a reset removes the fault rules; the /_pricebook endpoints themselves are never faulted', async () => {
    await addFault({ path: '/**', status: 500 });
    assert.equal((await server().request('GET', '/_pricebook/requests')).status, 200);
    assert.equal((await server().request('POST', '/_pricebook/reset')).status, 200);
    assert.ok(await server().client().products.list());
  });
});
