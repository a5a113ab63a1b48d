// node --test examples/node-test/
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import DodoPayments from 'dodopayments';
import { startPricebook } from 'pricebook/testing';

const ebook = {
  name: 'E-book',
  tax_category: 'e_book',
  price: { type: 'one_time_price', price: 1500, currency: 'USD', discount: 0, purchasing_power_parity: false },
};

let pricebook;
let client;
before(async () => {
  pricebook = await startPricebook();
  client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url });
});
afterEach(() => pricebook.reset());
after(() => pricebook.close());

test('a product created through the SDK is listed', async () => {
  await client.products.create(ebook);
  const { items } = await client.products.list();
  assert.deepEqual(
    items.map((p) => p.name),
    ['E-book'],
  );
});

test('each test starts from an empty catalog', async () => {
  const { items } = await client.products.list();
  assert.deepEqual(items, []);
});

test('the SDK retries a 503 that Pricebook injects, and succeeds', async () => {
  pricebook.faults.add({ operation: 'createProduct', status: 503, retry_after_ms: 10, times: 1 });
  const product = await client.products.create(ebook);
  assert.equal(product.name, 'E-book');
  assert.deepEqual(
    pricebook.requests(2).map((r) => r.status),
    [200, 503],
  );
});

test('a catalog file seeds the plans a test starts from', async () => {
  await pricebook.apply(fileURLToPath(new URL('../plans.yaml', import.meta.url)));
  const { items } = await client.productCollections.list();
  assert.deepEqual(
    items.map((c) => c.name),
    ['Pricing page'],
  );
});
