import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openDatabase } from '../src/db/database.ts';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('listing products', () => {
  const created: string[] = [];
  before(async () => {
    const client = server().client();
    // 12 one-time, 2 recurring, 1 usage-based: newest last in `created`.
    for (let i = 0; i < 12; i++)
      created.push((await client.products.create(oneTimeProduct({ name: `p${i}` }))).product_id);
    for (let i = 0; i < 2; i++) created.push((await client.products.create(recurringProduct())).product_id);
    created.push((await client.products.create(usageBasedProduct())).product_id);
  });

  test('pages hold 10 products by default, newest first, and page numbers start at 0', async () => {
    const newestFirst = [...created].reverse();
    const page0 = await server().request('GET', '/products');
    assert.deepEqual(
      page0.json.items.map((p: { product_id: string }) => p.product_id),
      newestFirst.slice(0, 10),
    );
    const page1 = await server().request('GET', '/products?page_number=1');
    assert.deepEqual(
      page1.json.items.map((p: { product_id: string }) => p.product_id),
      newestFirst.slice(10),
    );
    const zero = await server().request('GET', '/products?page_size=0');
    assert.equal(zero.json.items.length, 10, 'page_size=0 means the default');
  });

  test('a page past the end is 200 with no items', async () => {
    const res = await server().request('GET', '/products?page_number=99&page_size=100');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { items: [] });
  });

  test('page_size above 100, negative or not a number is 422 INVALID_QUERY_PARAMS', async () => {
    for (const query of ['page_size=101', 'page_size=-1', 'page_number=-1', 'page_size=ten', 'archived=maybe']) {
      const res = await server().request('GET', `/products?${query}`);
      assert.deepEqual([res.status, res.json.code], [422, 'INVALID_QUERY_PARAMS'], query);
    }
    assert.equal((await server().request('GET', '/products?page_size=100')).status, 200);
  });

  test('iterating every page with the SDK from page_number 0 sees every product once', async () => {
    const seen: string[] = [];
    for await (const product of server().client().products.list({ page_number: 0, page_size: 4 })) {
      seen.push(product.product_id);
    }
    assert.deepEqual(seen.sort(), [...created].sort());
  });

  test('recurring=true lists subscriptions and usage-based products, recurring=false one-time ones', async () => {
    const client = server().client();
    const recurring = await client.products.list({ page_number: 0, page_size: 100, recurring: true });
    assert.deepEqual(
      recurring.items.map((p) => p.product_id),
      created.slice(12).reverse(),
    );
    const oneTime = await client.products.list({ page_number: 0, page_size: 100, recurring: false });
    assert.equal(oneTime.items.length, 12);
    assert.ok(oneTime.items.every((p) => p.is_recurring === false));
  });

  test('brand_id filters by brand', async () => {
    const client = server().client();
    const mine = await client.products.list({ page_number: 0, page_size: 100, brand_id: server().businessId });
    assert.equal(mine.items.length, created.length);
    const none = await client.products.list({ page_number: 0, page_size: 100, brand_id: 'brnd_other' });
    assert.deepEqual(none.items, []);
  });

  test('a list item carries the headline price: fixed_price for usage-based products', async () => {
    const items = (await server().client().products.list({ page_number: 0, page_size: 1, recurring: true })).items;
    const usage = items[0]!;
    assert.equal(usage.price, 500);
    assert.equal(usage.currency, 'EUR');
    assert.equal(usage.price_detail?.type, 'usage_based_price');
  });
});

describe('a list read again after a write', () => {
  const names = async () =>
    (await server().request('GET', '/products?page_size=100')).json.items.map((p: { name: string }) => p.name);

  test('shows a write made through this server at once', async () => {
    const client = server().client();
    const product = await client.products.create(oneTimeProduct({ name: 'before' }));
    assert.ok((await names()).includes('before'));
    await client.products.update(product.product_id, { name: 'after' });
    const listed = await names();
    assert.ok(listed.includes('after') && !listed.includes('before'));
  });

  test('shows a write committed by another connection (another process) at once', async () => {
    const product = await server()
      .client()
      .products.create(oneTimeProduct({ name: 'elsewhere-before' }));
    assert.ok((await names()).includes('elsewhere-before'));
    // A second connection to the same database, as a second server process or the CLI would hold.
    const other = openDatabase(server().database.url);
    try {
      await other.db
        .updateTable('products')
        .set({ name: 'elsewhere-after' })
        .where('id', '=', product.product_id)
        .execute();
    } finally {
      await other.close();
    }
    const listed = await names();
    assert.ok(listed.includes('elsewhere-after') && !listed.includes('elsewhere-before'));
  });
});
