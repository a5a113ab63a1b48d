// npx vitest run --root examples/vitest

import { fileURLToPath } from 'node:url';
import DodoPayments from 'dodopayments';
import { startPricebook } from 'pricebook/testing';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

const ebook = {
  name: 'E-book',
  tax_category: 'e_book',
  price: { type: 'one_time_price', price: 1500, currency: 'USD', discount: 0, purchasing_power_parity: false },
};

let pricebook;
let client;
beforeAll(async () => {
  pricebook = await startPricebook();
  client = new DodoPayments({ bearerToken: pricebook.testKey, baseURL: pricebook.url });
});
afterEach(() => pricebook.reset());
afterAll(() => pricebook.close());

test('a product created through the SDK is listed', async () => {
  await client.products.create(ebook);
  const { items } = await client.products.list();
  expect(items.map((p) => p.name)).toEqual(['E-book']);
});

test('each test starts from an empty catalog', async () => {
  const { items } = await client.products.list();
  expect(items).toEqual([]);
});

test('the SDK gives up where Pricebook says not to retry', async () => {
  pricebook.faults.add({ operation: 'listProducts', status: 503, should_retry: false, times: 1 });
  await expect(client.products.list()).rejects.toThrow(DodoPayments.InternalServerError);
  expect((await client.products.list()).items).toEqual([]);
});

test('a catalog file seeds the plans a test starts from', async () => {
  await pricebook.apply(fileURLToPath(new URL('../plans.yaml', import.meta.url)));
  const { items } = await client.productCollections.list();
  expect(items.map((c) => c.name)).toEqual(['Pricing page']);
});
