import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type TestServer, useServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Not committed (.gitignore): what each test saw, to look at when one fails. */
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface Dashboard {
  server(): TestServer;
  page(): Page;
  /** Opens the dashboard at a hash route (`products`, `collections/…`), signed in with `key`. */
  open(route?: string, key?: string): Promise<Page>;
  screenshot(name: string): Promise<void>;
  /** Fails on any serious or critical axe-core violation of the page as it is now. */
  assertAccessible(): Promise<void>;
}

/**
 * One Chromium and one page for the test file, over a real server; the dashboard is built first (a no-op when
 * it is up to date), since the server serves it only when it exists.
 */
export function useDashboard(): Dashboard {
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(() => {
    execFileSync(process.execPath, ['scripts/build-dashboard.js'], { cwd: root, stdio: 'ignore' });
  });
  const server = useServer();
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    // axe-core needs a page of a context the test made itself.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  after(async () => {
    await browser?.close();
  });
  const current = () => {
    if (!page) throw new Error('the browser starts in before()');
    return page;
  };
  return {
    server,
    page: current,
    async open(route = 'products', key = server().key) {
      const p = current();
      const url = `${server().url}/dashboard/#/${route}`;
      // A hash change to the route already shown mounts nothing anew: reload, so the page reads what it shows.
      if (p.url() === url) await p.reload();
      else await p.goto(url);
      const badge = p.getByTestId('mode');
      // The page renders after its load event may have fired: wait for one screen or the other before asking.
      await badge.or(p.getByLabel('API key')).first().waitFor();
      const signedIn =
        (await badge.count()) > 0 && (await p.evaluate(() => sessionStorage.getItem('pricebook.apiKey')));
      if (signedIn !== key) {
        if (await badge.count()) await p.getByRole('button', { name: 'Sign out' }).click();
        await p.getByLabel('API key').fill(key);
        await p.getByRole('button', { name: 'Sign in' }).click();
        await badge.waitFor();
      }
      return p;
    },
    async screenshot(name) {
      await current().screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    async assertAccessible() {
      const { violations } = await new AxeBuilder({ page: current() }).analyze();
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      assert.deepEqual(serious, [], `axe on ${current().url()}`);
    },
  };
}
