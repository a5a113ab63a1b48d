import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct } from './support/factories.ts';
import { bootstrapKey, runCli, type ServerProcess, startServerProcess } from './support/process.ts';
import { msUntilRefused } from './support/revocation.ts';

// Three server processes on one database (PostgreSQL when TEST_DATABASE_URL is set, else one SQLite file),
// with clients spreading requests across them, as behind a load balancer.

const PROCESSES = 3;

describe(`${PROCESSES} server processes sharing one database`, () => {
  let db: TestDatabase;
  let servers: ServerProcess[] = [];
  let key: string;
  const clients = (bearer = key) =>
    servers.map((s) => new DodoPayments({ bearerToken: bearer, baseURL: s.url, maxRetries: 0, timeout: 20_000 }));
  const spread = <T>(n: number, fn: (client: DodoPayments, i: number) => Promise<T>) => {
    const all = clients();
    return Promise.all(Array.from({ length: n }, (_, i) => fn(all[i % all.length]!, i)));
  };

  before(async () => {
    db = await freshDatabase();
    // Started together on an empty database: exactly one of them bootstraps the default business.
    const started = await Promise.allSettled(Array.from({ length: PROCESSES }, () => startServerProcess(db.url)));
    // Those that did start are stopped by after() even when another failed: left running, they would hold the
    // test runner open for good.
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const printed = servers.filter((s) => s.output().includes('test mode:'));
    assert.equal(printed.length, 1, 'one process bootstraps');
    key = bootstrapKey(printed[0]!.output());
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  });

  test('concurrent creates through every process are all kept, each once', async () => {
    const created = await spread(60, (client, i) => client.products.create(oneTimeProduct({ name: `mp-${i}` })));
    const ids = new Set(created.map((p) => p.product_id));
    assert.equal(ids.size, 60);
    for (const client of clients()) {
      const listed = new Set<string>();
      for await (const p of client.products.list({ page_number: 0, page_size: 100 })) listed.add(p.product_id);
      for (const id of ids) assert.ok(listed.has(id), `${id} is listed by every process`);
    }
  });

  test('racing archives of one product through every process: one succeeds, the others get 410', async () => {
    const product = await clients()[0]!.products.create(oneTimeProduct());
    const outcomes = await spread(30, (client) =>
      client.products.archive(product.product_id).then(
        () => 200,
        (e: { status?: number }) => e.status,
      ),
    );
    assert.equal(outcomes.filter((s) => s === 200).length, 1);
    assert.equal(outcomes.filter((s) => s === 410).length, 29);
    await spread(30, (client) => client.products.unarchive(product.product_id));
    for (const client of clients()) {
      const active = await client.products.list({ page_number: 0, page_size: 100 });
      assert.ok(
        active.items.some((p) => p.product_id === product.product_id),
        'active again on every process',
      );
    }
  });

  test('racing reorders of one group through every process keep each item once, in one requested order', async () => {
    const [first] = clients();
    const products = await Promise.all(
      Array.from({ length: 6 }, (_, i) => first!.products.create(oneTimeProduct({ name: `g${i}` }))),
    );
    const collection = await first!.productCollections.create({
      name: 'Plans',
      groups: [{ group_name: 'All', products: products.map((p) => ({ product_id: p.product_id })) }],
    });
    const group = collection.groups[0]!;
    const items = group.products.map((p) => p.id);
    const orders = Array.from({ length: 21 }, (_, i) => rotate(items, i % items.length).reverse());
    await spread(orders.length, (client, i) =>
      client.productCollections.groups.update(group.group_id, { id: collection.id, product_order: orders[i]! }),
    );
    for (const client of clients()) {
      const after = (await client.productCollections.retrieve(collection.id)).groups[0]!.products.map((p) => p.id);
      assert.deepEqual([...after].sort(), [...items].sort(), 'every item once');
      assert.ok(
        orders.some((o) => o.join() === after.join()),
        'the final order is one that was asked for',
      );
    }
  });

  test('a key made with the CLI works on every process at once; a revoked one is refused by all within 1 s', async () => {
    const issued = await runCli(db.url, 'keys', 'create', '--business', await businessId(), '--mode', 'test');
    for (const client of clients(String(issued.key))) assert.ok(await client.products.list());
    await runCli(db.url, 'keys', 'revoke', '--key-id', String(issued.key_id));
    // Each process keeps the keys it has seen for up to 1 s (README): measured from the CLI's answer, all
    // three must refuse the key within that second.
    const waits = await Promise.all(clients(String(issued.key)).map((client) => msUntilRefused(client)));
    for (const ms of waits) assert.ok(ms <= 1000, `refused after ${ms} ms`);
  });

  async function businessId(): Promise<string> {
    const product = await clients()[0]!.products.create(oneTimeProduct());
    return product.business_id;
  }
});

function rotate<T>(items: T[], by: number): T[] {
  return [...items.slice(by), ...items.slice(0, by)];
}
