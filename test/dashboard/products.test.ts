import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct } from '../support/factories.ts';
import { png } from '../support/images.ts';
import { useDashboard } from './browser.ts';

describe('dashboard: products', () => {
  const dashboard = useDashboard();

  test('signs in with a key kept in session storage only, and shows its mode', async () => {
    const page = await dashboard.open('products');
    assert.equal(await page.getByTestId('mode').textContent(), 'Test mode');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('pricebook.apiKey')), dashboard.server().key);
    assert.ok(!page.url().includes(dashboard.server().key), 'the key is never in the URL');
    await dashboard.screenshot('signed-in');
    await dashboard.assertAccessible();
  });

  test('a wrong key is refused on the sign-in form', async () => {
    const page = dashboard.page();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill('pb_test_nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await dashboard.screenshot('sign-in-refused');
    await dashboard.assertAccessible();
  });

  for (const [model, priceLabel, amount] of [
    ['One-time', 'Price (smallest unit, e.g. cents)', '1500'],
    ['Subscription', 'Price (smallest unit, e.g. cents)', '2900'],
    ['Usage-based', 'Fixed price (smallest unit)', '500'],
  ] as const) {
    test(`creates a ${model} product with the form and lists it`, async () => {
      const page = await dashboard.open('products/new');
      await page.getByRole('radio', { name: model }).check();
      await page.getByLabel('Name', { exact: true }).fill(`${model} plan`);
      await page.getByLabel(priceLabel).fill(amount);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { name: `${model} plan` }).waitFor();
      const id = decodeURIComponent(page.url().split('/').pop()!);
      const stored = await dashboard.server().client().products.retrieve(id);
      assert.equal(stored.name, `${model} plan`);
      assert.equal(
        stored.price.type === 'usage_based_price' ? stored.price.fixed_price : stored.price.price,
        Number(amount),
      );
      await dashboard.assertAccessible();
      await dashboard.open('products');
      await page.getByRole('link', { name: `${model} plan` }).waitFor();
      await dashboard.screenshot(`created-${model}`);
    });
  }

  test('the create form passes axe', async () => {
    await dashboard.open('products/new');
    await dashboard.assertAccessible();
  });

  test("an edit with a bad value shows the API's error beside the field", async () => {
    const product = await dashboard
      .server()
      .client()
      .products.create(oneTimeProduct({ name: 'Bad edit' }));
    const page = await dashboard.open(`products/${product.product_id}`);
    await page.getByLabel('Trial days').waitFor({ state: 'detached' });
    await page.getByLabel('Price (smallest unit, e.g. cents)').fill('-5');
    await page.getByRole('button', { name: 'Save product' }).click();
    const error = page.locator('[data-field-error="price.price"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /^INVALID_REQUEST_BODY: body\/price\/price /);
    // The message is tied to its input for screen readers.
    const described = await page.getByLabel('Price (smallest unit, e.g. cents)').getAttribute('aria-describedby');
    assert.ok(described?.includes((await error.getAttribute('id'))!));
    assert.equal((await dashboard.server().client().products.retrieve(product.product_id)).name, 'Bad edit');
    await dashboard.screenshot('edit-error');
    await dashboard.assertAccessible();
  });

  test('uploads an image through the presigned flow and shows it', async () => {
    const product = await dashboard
      .server()
      .client()
      .products.create(oneTimeProduct({ name: 'With image' }));
    const page = await dashboard.open(`products/${product.product_id}`);
    await page.getByLabel('Upload an image').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: png({ width: 40, height: 40 }),
    });
    // Once attached, the product's own image URL (served by Pricebook) replaces the local preview; its width is
    // known once the browser has fetched it (complete is also true when the fetch failed, which the width tells).
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.preview');
      return (img?.src.includes('/images/') && img.complete) ?? false;
    });
    const stored = await dashboard.server().client().products.retrieve(product.product_id);
    assert.ok(stored.image, 'the product has an image');
    const shown = page.locator('img.preview');
    assert.equal(await shown.getAttribute('src'), stored.image);
    assert.equal(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth), 40);
    await dashboard.screenshot('image');
  });

  test('archives and unarchives a product', async () => {
    const client = dashboard.server().client();
    const product = await client.products.create(oneTimeProduct({ name: 'Archivable' }));
    const page = await dashboard.open(`products/${product.product_id}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('product-status').filter({ hasText: 'Archived' }).waitFor();
    const archived = await client.products.list({ archived: true });
    assert.ok(archived.items.some((p) => p.product_id === product.product_id));
    await page.getByRole('button', { name: 'Unarchive' }).click();
    await page.getByTestId('product-status').filter({ hasText: 'Active' }).waitFor();
    const active = await client.products.list({ archived: false });
    assert.ok(active.items.some((p) => p.product_id === product.product_id));
    await dashboard.screenshot('unarchived');
  });

  test('a change through the SDK shows on reload, and a change in the dashboard through the SDK', async () => {
    const client = dashboard.server().client();
    const product = await client.products.create(oneTimeProduct({ name: 'Before' }));
    const page = await dashboard.open(`products/${product.product_id}`);
    await page.getByRole('heading', { name: 'Before' }).waitFor();
    await client.products.update(product.product_id, { name: 'Renamed by the SDK' });
    await page.reload();
    await page.getByRole('heading', { name: 'Renamed by the SDK' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Renamed in the dashboard');
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal((await client.products.retrieve(product.product_id)).name, 'Renamed in the dashboard');
  });

  test('search finds a product past the first page, and paging reaches it too', async () => {
    const tenant = await dashboard.server().newTenant();
    for (let i = 0; i < 21; i++) await tenant.client.products.create(oneTimeProduct({ name: `Item ${i}` }));
    const page = await dashboard.open('products', tenant.key);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    // The label changes on the click; the rows come with page 2's answer.
    await page.locator('tbody tr').first().waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByLabel('Search by name').fill('Item 0');
    await page.getByRole('link', { name: 'Item 0', exact: true }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);
    await dashboard.screenshot('search');
  });
});
