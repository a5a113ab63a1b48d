import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { useServer } from '../support/server.ts';

// Screenshots land here (gitignored), to look at when a test fails.
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('/docs in Chromium, and the home page', () => {
  const server = useServer();
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
  });
  after(async () => {
    await browser?.close();
  });

  test('lists every operation of /openapi.json, and runs one with a key typed into the page', async () => {
    const spec = (await server().request('GET', '/openapi.json')).json as { paths: Record<string, object> };
    const served = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.ok(served.length > 57, 'the catalog operations and the developer endpoints');
    // Swagger UI reads its own URL, /docs/json: the same document.
    assert.deepEqual((await server().request('GET', '/docs/json')).json, spec);

    const page = await browser.newPage();
    await page.goto(`${server().url}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}docs.png`, fullPage: true });
    const listed = await page.$$eval('.opblock-summary', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent ?? '';
        const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
        return `${method.trim()} ${path}`;
      }),
    );
    assert.deepEqual(
      served.filter((op) => !listed.includes(op)),
      [],
      'every served operation is on the page',
    );

    await page.locator('.btn.authorize').first().click();
    await page.locator('.auth-container input').first().fill(server().key);
    await page.locator('.auth-btn-wrapper .authorize').first().click();
    await page.locator('.btn-done').first().click();
    const list = page.locator('.opblock', { has: page.locator('[data-path="/products"]') }).filter({ hasText: 'GET' });
    await list.locator('.opblock-summary').first().click();
    // tryItOutEnabled: the form is open as soon as the operation is.
    await list.locator('.execute').click();
    const status = list.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 30_000 });
    assert.equal((await status.textContent())?.trim(), '200');
    await page.screenshot({ path: `${SCREENSHOTS}docs-try-it-out.png`, fullPage: true });
    await page.close();
  });

  test('GET / is a page that says what this is and links to the docs, the dashboard and the health check', async () => {
    const page = await browser.newPage();
    const response = await page.goto(server().url);
    assert.equal(response?.status(), 200);
    assert.match((await page.locator('h1').textContent()) ?? '', /Pricebook/);
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['/docs', '/dashboard', '/openapi.json', '/health']);
    assert.match(await page.content(), /keys create --business/);
    await page.close();
  });
});
