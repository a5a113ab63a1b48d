import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { oneTimeProduct, recurringProduct } from '../support/factories.ts';
import { useDashboard } from './browser.ts';

/** What dnd-kit's live region says once the dragged row is over the place of `name`. */
const announcedOver = (page: Page, name: string) =>
  page
    .locator('[id^="DndLiveRegion"]')
    .filter({ hasText: ` is over ${name}.` })
    .waitFor({ state: 'attached' });

/**
 * Drags with real mouse events: press on the handle, move past the activation distance, move onto the
 * target and release once the dashboard has announced the row is over it.
 */
async function drag(page: Page, handle: Locator, target: Locator, over: string) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await announcedOver(page, over);
  await page.mouse.up();
}

/**
 * dnd-kit's keyboard sensor: Space picks up, an arrow moves one place, Space drops; each step is announced.
 * The row reads as pressed before the sensor can take an arrow, and an arrow sent too early was lost on a busy
 * machine: the sensor starts listening in a zero-delay timer set at pick-up (timers of equal delay run in the
 * order they were set, so once one of ours has run, it listens), and moves only between places it has
 * measured (it announces the row over its own place once it has).
 */
async function moveByKeyboard(page: Page, moving: string, key: 'ArrowUp' | 'ArrowDown', over: string) {
  const handle = page.getByRole('button', { name: `Reorder ${moving}`, exact: true });
  await handle.focus();
  await page.keyboard.press('Space');
  await handle.and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.evaluate(() => new Promise((listening) => setTimeout(listening, 0)));
  await announcedOver(page, moving);
  await page.keyboard.press(key);
  await announcedOver(page, over);
  await page.keyboard.press('Space');
}

/** Runs a UI action and waits for the PATCH it sends to be answered. */
async function patching(page: Page, action: () => Promise<unknown>) {
  const answered = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await action();
  return answered;
}

describe('dashboard: collections', () => {
  const dashboard = useDashboard();
  const ids: Record<string, string> = {};
  let collectionId = '';

  before(async () => {
    const client = dashboard.server().client();
    ids.basic = (await client.products.create(oneTimeProduct({ name: 'Basic' }))).product_id;
    ids.pro = (await client.products.create(recurringProduct({ name: 'Pro', pricing_mode: 'by_country' }))).product_id;
    ids.team = (await client.products.create(recurringProduct({ name: 'Team' }))).product_id;
    ids.extra = (await client.products.create(oneTimeProduct({ name: 'Extra' }))).product_id;
    await client.products.localizedPrices.create(ids.pro, { currency: 'EUR', amount: 1800, country_code: 'DE' });
  });

  const groupNames = async () => {
    const c = await dashboard.server().client().productCollections.retrieve(collectionId);
    return c.groups.map((g) => g.group_name);
  };
  const itemNames = async (group: number) => {
    const c = await dashboard.server().client().productCollections.retrieve(collectionId);
    return c.groups[group]!.products.map((p) => p.name);
  };
  const handle = (page: Page, label: string) => page.getByRole('button', { name: `Reorder ${label}`, exact: true });

  test('builds a collection: a first group with products, then a second group with one added', async () => {
    const page = await dashboard.open('collections');
    await page.getByRole('checkbox', { name: 'Basic' }).waitFor();
    await dashboard.assertAccessible();
    await page.getByLabel('Collection name').fill('Plans');
    await page.getByLabel('First group name').fill('Monthly');
    await page.getByRole('checkbox', { name: 'Pro' }).check();
    await page.getByRole('checkbox', { name: 'Basic' }).check();
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('heading', { name: 'Plans' }).waitFor();
    collectionId = decodeURIComponent(page.url().split('/').pop()!);

    await page.getByLabel('New group name').fill('Teams');
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByLabel('Add a product to Teams').selectOption({ label: 'Team' });
    await page.getByRole('button', { name: 'Add', exact: true }).last().click();
    await page.getByRole('link', { name: 'Team', exact: true }).waitFor();
    assert.deepEqual(await groupNames(), ['Monthly', 'Teams']);
    assert.deepEqual(await itemNames(0), ['Pro', 'Basic']);
    await dashboard.screenshot('collection-built');
    await dashboard.assertAccessible();
  });

  test('reorders groups by mouse drag, then back by keyboard', async () => {
    const page = await dashboard.open(`collections/${collectionId}`);
    await patching(page, () => drag(page, handle(page, 'group Teams'), handle(page, 'group Monthly'), 'group Monthly'));
    assert.deepEqual(await groupNames(), ['Teams', 'Monthly']);
    await dashboard.screenshot('groups-dragged');

    await page.reload();
    await patching(page, () => moveByKeyboard(page, 'group Teams', 'ArrowDown', 'group Monthly'));
    assert.deepEqual(await groupNames(), ['Monthly', 'Teams']);
  });

  test('reorders items by keyboard and by mouse', async () => {
    const page = await dashboard.open(`collections/${collectionId}`);
    await patching(page, () => moveByKeyboard(page, 'Basic', 'ArrowUp', 'Pro'));
    assert.deepEqual(await itemNames(0), ['Basic', 'Pro']);
    await patching(page, () => drag(page, handle(page, 'Basic'), handle(page, 'Pro'), 'Pro'));
    assert.deepEqual(await itemNames(0), ['Pro', 'Basic']);
  });

  test('renames a group and toggles an item', async () => {
    const page = await dashboard.open(`collections/${collectionId}`);
    const client = dashboard.server().client();
    await page.getByRole('group', { name: 'Group Teams' }).getByLabel('Group name').fill('Business');
    await page.getByRole('group', { name: 'Group Teams' }).getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('group', { name: 'Group Business' }).waitFor();
    assert.deepEqual(await groupNames(), ['Monthly', 'Business']);

    await patching(page, () => page.getByRole('checkbox', { name: 'Basic enabled' }).uncheck());
    const basic = (await client.productCollections.retrieve(collectionId)).groups[0]!.products.find(
      (p) => p.name === 'Basic',
    );
    assert.equal(basic?.status, false);
    await page.getByRole('checkbox', { name: 'Basic enabled', checked: false }).waitFor();
    await dashboard.screenshot('item-toggled');
  });

  test('a reorder refused because someone else changed the group reloads it and says so', async () => {
    const page = await dashboard.open(`collections/${collectionId}`);
    await handle(page, 'Basic').waitFor();
    const client = dashboard.server().client();
    const groupId = (await client.productCollections.retrieve(collectionId)).groups[0]!.group_id;
    await client.productCollections.groups.items.create(groupId, {
      id: collectionId,
      products: [{ product_id: ids.extra! }],
    });

    await moveByKeyboard(page, 'Basic', 'ArrowUp', 'Pro');
    await page.getByRole('status').filter({ hasText: 'Someone else changed the group “Monthly”' }).waitFor();
    // Reloaded: the item added meanwhile shows, and the order is the server's.
    await page.getByRole('list', { name: 'Products of Monthly' }).getByRole('link', { name: 'Extra' }).waitFor();
    assert.deepEqual(await itemNames(0), ['Pro', 'Basic', 'Extra']);
    await dashboard.screenshot('reorder-refused');
  });

  test('the pricing preview shows enabled plans, with localized prices for the chosen country', async () => {
    const page = await dashboard.open(`collections/${collectionId}/preview`);
    const plans = page.getByTestId('plan');
    await plans.first().waitFor();
    const names = await page.getByTestId('plan').locator('h3').allTextContents();
    assert.deepEqual(names, ['Pro', 'Extra', 'Team'], 'Basic is disabled, so it is not shown');
    const pro = plans.filter({ hasText: 'Pro' });
    assert.equal(await pro.getByTestId('plan-price').textContent(), '$20.00 / month');
    await page.getByLabel("Customer's country").selectOption('DE');
    await pro.getByTestId('plan-price').filter({ hasText: '€18.00' }).waitFor();
    await dashboard.screenshot('pricing-preview');
    await dashboard.assertAccessible();
  });
});
