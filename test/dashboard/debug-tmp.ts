import { chromium } from 'playwright-core';
import { oneTimeProduct } from '../support/factories.ts';
import { startTestServer } from '../support/server.ts';

const server = await startTestServer();
const c = server.client();
const a = await c.products.create(oneTimeProduct({ name: 'A' }));
const b = await c.products.create(oneTimeProduct({ name: 'B' }));
const col = await c.productCollections.create({
  name: 'X',
  groups: [
    { group_name: 'G1', products: [{ product_id: a.product_id }] },
    { group_name: 'G2', products: [{ product_id: b.product_id }] },
  ],
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = await (await browser.newContext()).newPage();
page.on('console', (m) => console.log('console', m.text()));
page.on('request', (r) => r.method() === 'PATCH' && console.log('PATCH', r.postData()));
await page.goto(`${server.url}/dashboard/#/collections/${col.id}`);
await page.getByLabel('API key').fill(server.key);
await page.getByRole('button', { name: 'Sign in' }).click();
const h = page.getByRole('button', { name: 'Reorder group G1', exact: true });
await h.focus();
await page.keyboard.press('Space');
await page.waitForTimeout(300);
console.log('after space', await page.locator('[id^=DndLiveRegion]').allTextContents());
await page.keyboard.press('ArrowDown');
await page.waitForTimeout(300);
console.log('after down', await page.locator('[id^=DndLiveRegion]').allTextContents());
await page.keyboard.press('Space');
await page.waitForTimeout(500);
console.log('after drop', await page.locator('[id^=DndLiveRegion]').allTextContents());
await browser.close();
await server.close();
