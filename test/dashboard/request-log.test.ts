import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct } from '../support/factories.ts';
import { useDashboard } from './browser.ts';

describe('dashboard: request log', () => {
  const dashboard = useDashboard();

  test("lists the key's recent requests, newest first, with status and bodies", async () => {
    const client = dashboard.server().client();
    await client.products.create(oneTimeProduct({ name: 'Logged product' }));
    const page = await dashboard.open('requests');
    const created = page.locator('.log li').filter({ hasText: 'POST /products' }).first();
    await created.waitFor();
    assert.match((await created.locator('summary').textContent()) ?? '', /POST \/products.*200/);
    await created.locator('summary').click();
    assert.match((await created.locator('pre').first().textContent()) ?? '', /Logged product/);
    await dashboard.screenshot('request-log');
    await dashboard.assertAccessible();
  });

  test('says so when the server has no request log', async () => {
    // An older Pricebook: the log's route is not there, and the API answers as it does for any unknown route.
    const page = dashboard.page();
    await page.route('**/_pricebook/requests**', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: '{"code":"NOT_FOUND","message":"no route"}',
      }),
    );
    await dashboard.open('requests');
    await page.getByRole('status').filter({ hasText: 'This server has no request log' }).waitFor();
    await page.unroute('**/_pricebook/requests**');
    await dashboard.assertAccessible();
  });
});
