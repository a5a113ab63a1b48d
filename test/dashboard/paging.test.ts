import { before, describe, test } from 'node:test';
import { oneTimeProduct } from '../support/factories.ts';
import { useDashboard } from './browser.ts';

/** More than one full page of 100, so whatever is oldest sits on the second page (lists are newest first). */
const PRODUCTS = 150;

describe('dashboard: lists reach past the first page of 100', () => {
  const dashboard = useDashboard();

  before(async () => {
    const client = dashboard.server().client();
    // Created first, so it is the oldest: item 150, on page 1.
    await client.products.create(oneTimeProduct({ name: 'Needle' }));
    let next = 1;
    const worker = async () => {
      while (next < PRODUCTS) {
        const n = next++;
        await client.products.create(oneTimeProduct({ name: `Bulk ${n}` }));
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });

  test('a search by name finds a product on the second page', async () => {
    const page = await dashboard.open('products');
    await page.getByLabel('Search by name').fill('Needle');
    await page.getByRole('link', { name: 'Needle', exact: true }).waitFor();
    await dashboard.screenshot('search-second-page');
  });

  test("the new collection's product picker lists the oldest of 150 products", async () => {
    const page = await dashboard.open('collections');
    await page.getByRole('checkbox', { name: 'Needle' }).waitFor();
    await dashboard.screenshot('picker-second-page');
  });
});
