// NODE_OPTIONS=--experimental-vm-modules npx jest --rootDir examples/jest
// Jest loads ES modules only with that Node flag; it needs no transform for plain .mjs files.

import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import DodoPayments from 'dodopayments';
import { startPricebook } from 'pricebook/testing';

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

test('the SDK retries a 429 that Pricebook injects, and succeeds', async () => {
  pricebook.faults.add({ method: 'GET', path: '/products', status: 429, retry_after_ms: 10, times: 1 });
  expect((await client.products.list()).items).toEqual([]);
  expect(pricebook.requests(2).map((r) => r.status)).toEqual([200, 429]);
});

test('a catalog file seeds the plans a test starts from', async () => {
  await pricebook.apply(fileURLToPath(new URL('../plans.yaml', import.meta.url)));
  const { items } = await client.productCollections.list();
  expect(items.map((c) => c.name)).toEqual(['Pricing page']);
});
