import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

/** Sends a create body over raw HTTP and returns the status and error code. */
async function create(body: unknown) {
  const res = await server().request('POST', '/products', { body });
  return { status: res.status, code: res.json?.code as string | undefined, message: res.json?.message as string };
}

async function patch(id: string, body: unknown) {
  const res = await server().request('PATCH', `/products/${id}`, { body });
  return { status: res.status, code: res.json?.code as string | undefined, message: res.json?.message as string };
}

async function productCount(): Promise<number> {
  const all = await server().request('GET', '/products?page_size=100');
  const archived = await server().request('GET', '/products?page_size=100&archived=true');
  return all.json.items.length + archived.json.items.length;
}

describe('product rules', () => {
  test('the pricing model cannot change after create', async () => {
    const client = server().client();
    const product = await client.products.create(oneTimeProduct());
    const res = await patch(product.product_id, { price: recurringProduct().price });
    assert.deepEqual([res.status, res.code], [422, 'PRICING_MODEL_IMMUTABLE']);
    assert.equal((await client.products.retrieve(product.product_id)).price.type, 'one_time_price');
    const samePrice = await patch(product.product_id, { price: { ...oneTimeProduct().price, price: 4200 } });
    assert.equal(samePrice.status, 200, 'a new price of the same model is fine');
    assert.equal(((await client.products.retrieve(product.product_id)).price as { price: number }).price, 4200);
  });

  test('a name is at most 100 characters and a description at most 1000, on create and on update', async () => {
    assert.equal((await create(oneTimeProduct({ name: 'n'.repeat(101) }))).status, 422);
    assert.equal((await create(oneTimeProduct({ description: 'd'.repeat(1001) }))).status, 422);
    const ok = await server()
      .client()
      .products.create(oneTimeProduct({ name: 'n'.repeat(100), description: 'd'.repeat(1000) }));
    assert.equal((await patch(ok.product_id, { name: 'n'.repeat(101) })).status, 422);
    assert.equal((await patch(ok.product_id, { description: 'd'.repeat(1001) })).status, 422);
  });

  test('a discount is 0 to 100 percent, or 0 to 10000 basis points', async () => {
    const price = (extra: object) => oneTimeProduct({ price: { ...oneTimeProduct().price, ...extra } as never });
    assert.deepEqual((await create(price({ discount: 101 }))).code, 'INVALID_PERCENTAGE');
    assert.deepEqual((await create(price({ discount: -1 }))).code, 'INVALID_PERCENTAGE');
    assert.deepEqual((await create(price({ discount_bps: 10001 }))).code, 'INVALID_PERCENTAGE');
    const full = await server()
      .client()
      .products.create(price({ discount: 100 }));
    assert.equal(full.price.discount, 100);
    const bps = await server()
      .client()
      .products.create(price({ discount: 5, discount_bps: 10000 }));
    assert.deepEqual(
      [bps.price.discount, (bps.price as { discount_bps: number }).discount_bps],
      [100, 10000],
      'bps wins',
    );
  });

  test('pay what you want is for one-time prices only, and the suggested price is at least the price', async () => {
    const pwyw = (suggested: number) =>
      oneTimeProduct({
        price: { ...oneTimeProduct().price, price: 1000, pay_what_you_want: true, suggested_price: suggested } as never,
      });
    assert.deepEqual((await create(pwyw(999))).code, 'INVALID_SUGGESTED_PRICE');
    const ok = await server().client().products.create(pwyw(1000));
    assert.equal((ok.price as { pay_what_you_want: boolean }).pay_what_you_want, true);
    const recurring = recurringProduct({ price: { ...recurringProduct().price, pay_what_you_want: true } as never });
    assert.deepEqual((await create(recurring)).code, 'PAY_WHAT_YOU_WANT_NOT_SUPPORTED');
  });

  test('a trial lasts 0 to 10000 days, and a paid trial needs trial days', async () => {
    const trial = (extra: object) => recurringProduct({ price: { ...recurringProduct().price, ...extra } as never });
    assert.equal((await create(trial({ trial_period_days: 10001 }))).status, 422);
    assert.equal((await create(trial({ trial_period_days: -1 }))).status, 422);
    assert.equal((await create(trial({ trial_amount: 100 }))).status, 422);
    const ok = await server()
      .client()
      .products.create(trial({ trial_period_days: 10000, trial_amount: 100 }));
    assert.equal((ok.price as { trial_period_days: number }).trial_period_days, 10000);
  });

  test('metadata holds at most 50 pairs, keys of at most 40 [A-Za-z0-9_-] and values of at most 500 characters', async () => {
    const pairs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    assert.equal((await create(oneTimeProduct({ metadata: pairs(51) }))).code, 'MAXIMUM_KEYS_REACHED');
    assert.equal((await create(oneTimeProduct({ metadata: { ['k'.repeat(41)]: 'v' } }))).status, 422);
    assert.equal((await create(oneTimeProduct({ metadata: { 'bad key': 'v' } }))).status, 422);
    assert.equal((await create(oneTimeProduct({ metadata: { k: 'v'.repeat(501) } }))).status, 422);
    assert.equal((await create(oneTimeProduct({ metadata: { k: { nested: true } } as never }))).status, 422);
    const ok = await server()
      .client()
      .products.create(oneTimeProduct({ metadata: { ...pairs(49), ['k'.repeat(40)]: 'v'.repeat(500) } }));
    assert.equal(Object.keys(ok.metadata).length, 50);
    const res = await patch(ok.product_id, { metadata: pairs(51) });
    assert.equal(res.code, 'MAXIMUM_KEYS_REACHED');
  });

  test('tax category and currency must be values of their enums', async () => {
    const tax = await create(oneTimeProduct({ tax_category: 'groceries' as never }));
    assert.deepEqual([tax.status, tax.code], [422, 'INVALID_REQUEST_BODY']);
    assert.match(tax.message, /body\/tax_category/);
    const currency = await create(oneTimeProduct({ price: { ...oneTimeProduct().price, currency: 'XXX' as never } }));
    assert.deepEqual([currency.status, currency.code], [422, 'INVALID_REQUEST_BODY']);
    assert.match(currency.message, /body\/price\/currency/);
  });

  test('brand_id must name a brand of this business', async () => {
    const other = await server().newTenant();
    assert.equal((await create(oneTimeProduct({ brand_id: other.businessId }))).code, 'BRAND_NOT_FOUND');
    assert.equal((await create(oneTimeProduct({ brand_id: 'brnd_nope' }))).code, 'BRAND_NOT_FOUND');
    const mine = await server()
      .client()
      .products.create(oneTimeProduct({ brand_id: server().businessId }));
    assert.equal(mine.brand_id, server().businessId);
    assert.equal((await patch(mine.product_id, { brand_id: other.businessId })).code, 'BRAND_NOT_FOUND');
  });

  test('addons are for subscriptions only, never repeat and number at most 10', async () => {
    assert.equal((await create(oneTimeProduct({ addons: ['adn_a'] }))).status, 422);
    assert.equal(
      (await create(usageBasedProduct({ addons: ['adn_a'] }))).code,
      'ADDONS_IN_USAGE_BASED_BILLING_NOT_SUPPORTED',
    );
    assert.equal(
      (await create(recurringProduct({ addons: ['adn_a', 'adn_a'] }))).code,
      'DUPLICATE_ADDON_IDS_IN_REQUEST',
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `adn_${i}`);
    assert.equal((await create(recurringProduct({ addons: eleven }))).status, 422);
  });

  test('a usage-based price names each meter once, at most 10, with a price per unit above zero', async () => {
    const meters = (list: object[]) =>
      usageBasedProduct({ price: { ...usageBasedProduct().price, meters: list } as never });
    const meter = (id: string, extra: object = {}) => ({ meter_id: id, price_per_unit: '0.5', ...extra });
    assert.equal((await create(meters([meter('mtr_a'), meter('mtr_a')]))).code, 'DUPLICATE_METER_IDS_IN_REQUEST');
    assert.equal((await create(meters(Array.from({ length: 11 }, (_, i) => meter(`mtr_${i}`))))).status, 422);
    assert.equal((await create(meters([meter('mtr_a', { price_per_unit: '0' })]))).status, 422);
    assert.equal((await create(meters([meter('mtr_a', { price_per_unit: '123456' })]))).status, 422);
    assert.equal((await create(meters([meter('mtr_a', { price_per_unit: '1.1234567890123' })]))).status, 422);
  });

  test('a rejected create or update writes nothing', async () => {
    const before = await productCount();
    await create(oneTimeProduct({ metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }));
    await create({ ...oneTimeProduct(), price: { type: 'one_time_price' } });
    assert.equal(await productCount(), before);

    const client = server().client();
    const product = await client.products.create(oneTimeProduct({ name: 'Kept' }));
    const res = await patch(product.product_id, { name: 'Changed', price: recurringProduct().price });
    assert.equal(res.status, 422);
    assert.equal((await client.products.retrieve(product.product_id)).name, 'Kept', 'the valid half was not applied');
  });
});

describe('PATCH semantics', () => {
  test('an absent field changes nothing and null changes nothing, except pricing_mode, which null clears', async () => {
    const client = server().client();
    const product = await client.products.create(
      oneTimeProduct({ description: 'kept', metadata: { a: 1 }, pricing_mode: 'by_country' }),
    );
    await client.products.update(product.product_id, {});
    await client.products.update(product.product_id, {
      name: null,
      description: null,
      metadata: null,
      price: null,
      tax_category: null,
      brand_id: null,
      addons: null,
      image_id: null,
    });
    const unchanged = await client.products.retrieve(product.product_id);
    assert.deepEqual({ ...unchanged, updated_at: product.updated_at }, product);

    await client.products.update(product.product_id, { pricing_mode: null });
    assert.equal((await client.products.retrieve(product.product_id)).pricing_mode, null);
  });

  test('metadata sent in a PATCH replaces the whole object', async () => {
    const client = server().client();
    const product = await client.products.create(oneTimeProduct({ metadata: { a: 1, b: 2 } }));
    await client.products.update(product.product_id, { metadata: { c: true } });
    assert.deepEqual((await client.products.retrieve(product.product_id)).metadata, { c: true });
  });

  test('an archived product can still be read and updated, and a second archive is 410', async () => {
    const client = server().client();
    const product = await client.products.create(oneTimeProduct());
    await client.products.archive(product.product_id);
    const again = await server().request('DELETE', `/products/${product.product_id}`);
    assert.deepEqual([again.status, again.json.code], [410, 'PRODUCT_IS_DELETED']);
    await client.products.update(product.product_id, { name: 'Still editable' });
    assert.equal((await client.products.retrieve(product.product_id)).name, 'Still editable');
    await client.products.unarchive(product.product_id);
    await client.products.unarchive(product.product_id);
    assert.equal((await server().request('DELETE', `/products/${product.product_id}`)).status, 200);
  });
});
