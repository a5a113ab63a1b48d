import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { oneTimeProduct } from '../support/factories.ts';
import { useDashboard } from './browser.ts';

/** Fills a resource form: text, number and JSON fields by label, selects by label too. */
async function fill(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

describe('dashboard: keys and the other resources', () => {
  const dashboard = useDashboard();

  test("switching keys switches business and mode: a live key shows Live and that business's catalog", async () => {
    const server = dashboard.server();
    await server.client().products.create(oneTimeProduct({ name: 'Default test product' }));
    const page = await dashboard.open('products');
    await page.getByRole('link', { name: 'Default test product' }).waitFor();

    const other = await server.newTenant('live');
    await other.client.products.create(oneTimeProduct({ name: 'Other live product' }));
    await page.getByRole('button', { name: 'Switch key' }).click();
    await page.getByLabel('API key').fill(other.key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByTestId('mode').filter({ hasText: 'Live mode' }).waitFor();
    await page.getByRole('link', { name: 'Other live product' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Default test product' }).count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('pricebook.apiKey')), other.key);
    await dashboard.screenshot('live-key');
    await dashboard.assertAccessible();
  });

  test('brands: create, edit', async () => {
    const page = await dashboard.open('brands/new');
    await fill(page, { Name: 'Acme', 'Support email': 'help@acme.test', Website: 'https://acme.test' });
    await page.getByRole('button', { name: 'Create brand' }).click();
    await page.getByRole('cell', { name: 'Acme', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Edit Acme' }).click();
    await fill(page, { Name: 'Acme Inc' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Acme Inc', exact: true }).waitFor();
    const brands = await dashboard.server().client().brands.list();
    assert.ok(brands.items.some((b) => b.name === 'Acme Inc' && b.url === 'https://acme.test'));
    await dashboard.assertAccessible();
  });

  test("addons: create, and the API's error beside the price", async () => {
    const page = await dashboard.open('addons/new');
    await fill(page, { Name: 'Extra seat', 'Price (smallest unit)': '-1', Currency: 'USD', 'Tax category': 'saas' });
    await page.getByRole('button', { name: 'Create addon' }).click();
    await page.locator('[data-field-error="price"]').waitFor();
    await fill(page, { 'Price (smallest unit)': '900' });
    await page.getByRole('button', { name: 'Create addon' }).click();
    await page.getByRole('cell', { name: 'Extra seat', exact: true }).waitFor();
    const addons = await dashboard.server().client().addons.list();
    assert.equal(addons.items.find((a) => a.name === 'Extra seat')?.price, 900);
    await dashboard.assertAccessible();
  });

  test('meters: create with a filter tree, shown as a tree; archive and unarchive', async () => {
    const page = await dashboard.open('meters/new');
    const filter = {
      conjunction: 'and',
      clauses: [
        { conjunction: 'or', clauses: [{ key: 'region', operator: 'equals', value: 'eu' }] },
        { conjunction: 'or', clauses: [{ key: 'seats', operator: 'greater_than', value: 3 }] },
      ],
    };
    await fill(page, {
      Name: 'Tokens',
      'Event name': 'llm.tokens',
      'Measurement unit': 'tokens',
      'Aggregation (JSON)': '{"type": "sum", "key": "tokens"}',
      'Filter tree (JSON)': JSON.stringify(filter),
    });
    await page.getByRole('button', { name: 'Create meter' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Tokens' });
    await row.locator('ul.tree ul.tree').getByText('seats greater_than 3').waitFor();
    await dashboard.screenshot('meters');
    await dashboard.assertAccessible();

    await row.getByRole('button', { name: 'Archive Tokens' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Show archived').check();
    await page.getByRole('button', { name: 'Unarchive Tokens' }).click();
    await page.getByRole('button', { name: 'Unarchive Tokens' }).waitFor({ state: 'detached' });
    const meters = await dashboard.server().client().meters.list({ archived: false });
    assert.ok(meters.items.some((m) => m.name === 'Tokens'));
  });

  test('credit entitlements: create, archive', async () => {
    const page = await dashboard.open('credit-entitlements/new');
    await fill(page, { Name: 'Credits', Unit: 'credits', 'Precision (decimals)': '0' });
    await page.getByRole('button', { name: 'Create credit entitlement' }).click();
    await page.getByRole('button', { name: 'Archive Credits' }).click();
    await page.getByRole('button', { name: 'Archive Credits' }).waitFor({ state: 'detached' });
    const deleted = await dashboard.server().client().creditEntitlements.list({ deleted: true });
    assert.ok(deleted.items.some((c) => c.name === 'Credits'));
    await dashboard.assertAccessible();
  });

  test('entitlements: create, edit, archive', async () => {
    const page = await dashboard.open('entitlements/new');
    await fill(page, {
      Name: 'Beta',
      Integration: 'feature_flag',
      'Integration config (JSON)': '{"feature_type": "boolean", "feature_id": "beta"}',
    });
    await page.getByRole('button', { name: 'Create entitlement' }).click();
    await page.getByRole('link', { name: 'Edit Beta' }).click();
    await fill(page, { Description: 'Early access' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('form', { name: 'Edit entitlement' }).waitFor({ state: 'detached' });
    const client = dashboard.server().client();
    assert.equal((await client.entitlements.list()).items.find((e) => e.name === 'Beta')?.description, 'Early access');
    await dashboard.assertAccessible();
    await page.getByRole('button', { name: 'Archive Beta' }).click();
    await page.getByRole('cell', { name: 'Beta', exact: true }).waitFor({ state: 'detached' });
    assert.equal(
      (await client.entitlements.list()).items.some((e) => e.name === 'Beta'),
      false,
    );
  });
});
