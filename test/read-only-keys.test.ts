import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct } from './support/factories.ts';
import { bootstrapKey, runCli, type ServerProcess, startServerProcess } from './support/process.ts';

describe('read-only API keys from `pricebook keys create --read-only`', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let writer: DodoPayments;
  let readOnlyKey: string;
  let productId: string;

  before(async () => {
    db = await freshDatabase();
    server = await startServerProcess(db.url);
    writer = new DodoPayments({ bearerToken: bootstrapKey(server.output()), baseURL: server.url, maxRetries: 0 });
    const product = await writer.products.create(oneTimeProduct({ name: 'kept as it is' }));
    productId = product.product_id;
    const issued = await runCli(
      db.url,
      ...['keys', 'create', '--business', product.business_id, '--mode', 'test', '--read-only'],
    );
    assert.equal(issued.read_only, true);
    readOnlyKey = String(issued.key);
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  const send = (method: string, path: string, key: string) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: method === 'DELETE' ? undefined : '{}',
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  test('reads everything of its business and mode', async () => {
    const reader = new DodoPayments({ bearerToken: readOnlyKey, baseURL: server.url, maxRetries: 0 });
    assert.equal((await reader.products.retrieve(productId)).name, 'kept as it is');
    const listed = await reader.products.list();
    assert.deepEqual(
      listed.items.map((p) => p.product_id),
      [productId],
    );
  });

  test('every write operation the server documents answers 403 READ_ONLY_API_KEY and changes nothing', async () => {
    const spec = await fetch(`${server.url}/openapi.json`).then((r) => r.json());
    const writes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((method) => method !== 'get' && method !== 'head')
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, productId) })),
    );
    assert.ok(writes.length >= 30, `found ${writes.length} write operations`);
    const refused: string[] = [];
    for (const { method, path } of writes) {
      const answer = await send(method, path, readOnlyKey);
      assert.equal(answer.status, 403, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.code, 'READ_ONLY_API_KEY');
      assert.equal(typeof answer.body.message, 'string');
      refused.push(`${method} ${path}`);
    }
    assert.equal(refused.length, writes.length);
    const product = await writer.products.retrieve(productId);
    assert.equal(product.name, 'kept as it is');
    assert.equal(product.is_recurring, false);
  });
});
