import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('products through the official SDK', () => {
  for (const [kind, make] of [
    ['one-time', oneTimeProduct],
    ['recurring', recurringProduct],
    ['usage-based', usageBasedProduct],
  ] as const) {
    test(`a ${kind} product goes through create, retrieve, update, list, archive and unarchive`, async () => {
      const client = server().client();
      const created = await client.products.create(
        make({ description: 'first', metadata: { tier: 'gold', seats: 5 } }),
      );
      assert.match(created.product_id, /^pdt_[0-9A-Za-z]{21}$/);
      assert.equal(created.business_id, server().businessId);
      assert.equal(created.brand_id, server().businessId, 'defaults to the primary brand');
      assert.deepEqual(created.metadata, { tier: 'gold', seats: 5 });
      assert.equal(created.is_recurring, kind !== 'one-time');

      assert.deepEqual(await client.products.retrieve(created.product_id), created);

      await client.products.update(created.product_id, { name: 'Renamed', description: 'second' });
      const after = await client.products.retrieve(created.product_id);
      assert.equal(after.name, 'Renamed');
      assert.equal(after.description, 'second');
      assert.deepEqual(after.price, created.price, 'fields left out are unchanged');
      assert.ok(after.updated_at >= created.updated_at);

      const listed = await client.products.list({ page_number: 0, page_size: 100 });
      const item = listed.items.find((p) => p.product_id === created.product_id);
      assert.ok(item, 'the product is listed');
      assert.equal(item.name, 'Renamed');
      assert.deepEqual(item.price_detail, created.price);

      await client.products.archive(created.product_id);
      const active = await client.products.list({ page_number: 0, page_size: 100 });
      assert.ok(!active.items.some((p) => p.product_id === created.product_id), 'archived products leave the list');
      const archived = await client.products.list({ page_number: 0, page_size: 100, archived: true });
      assert.ok(
        archived.items.some((p) => p.product_id === created.product_id),
        'and show with archived=true',
      );
      assert.equal((await client.products.retrieve(created.product_id)).product_id, created.product_id);

      await client.products.unarchive(created.product_id);
      const back = await client.products.list({ page_number: 0, page_size: 100 });
      assert.ok(
        back.items.some((p) => p.product_id === created.product_id),
        'unarchived products are listed again',
      );
    });
  }

  test('every documented key is present in a product, null where there is no value', async () => {
    const created = await server().client().products.create(oneTimeProduct());
    for (const key of [
      'description',
      'image',
      'addons',
      'digital_product_delivery',
      'license_key_duration',
      'pricing_mode',
      'product_collection_id',
    ]) {
      assert.ok(key in created, `${key} is present`);
      assert.equal((created as unknown as Record<string, unknown>)[key], null, `${key} is null`);
    }
    assert.deepEqual(created.credit_entitlements, []);
    assert.deepEqual(created.entitlements, []);
    assert.equal(created.license_key_enabled, false);
  });

  test('the price echoes every key, with defaults for what SDK 2.52 leaves out', async () => {
    const created = await server()
      .client()
      .products.create(
        recurringProduct({
          price: {
            type: 'recurring_price',
            price: 999,
            currency: 'INR',
            discount_bps: 1250,
            payment_frequency_count: 1,
            payment_frequency_interval: 'Month',
            subscription_period_count: 12,
            subscription_period_interval: 'Month',
            trial_period_days: 14,
          },
        }),
      );
    assert.deepEqual(created.price, {
      type: 'recurring_price',
      price: 999,
      currency: 'INR',
      discount: 13,
      discount_bps: 1250,
      purchasing_power_parity: false,
      tax_inclusive: null,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      subscription_period_count: 12,
      subscription_period_interval: 'Month',
      trial_period_days: 14,
      trial_amount: null,
      trial_apply_discounts: false,
      trial_payment_method_optional: false,
      zero_amount_payment_method_optional: false,
    });
  });

  test('the license-key and delivery fields are stored and echoed', async () => {
    const client = server().client();
    const created = await client.products.create(
      oneTimeProduct({
        license_key_enabled: true,
        license_key_activations_limit: 3,
        license_key_activation_message: 'Paste the key',
        license_key_duration: { count: 1, interval: 'Year' },
        digital_product_delivery: { external_url: 'https://example.com/dl', instructions: 'Unzip it' },
      }),
    );
    assert.equal(created.license_key_enabled, true);
    assert.equal(created.license_key_activations_limit, 3);
    assert.deepEqual(created.license_key_duration, { count: 1, interval: 'Year' });
    assert.deepEqual(created.digital_product_delivery, {
      external_url: 'https://example.com/dl',
      instructions: 'Unzip it',
      files: [],
    });
    await client.products.update(created.product_id, { digital_product_delivery: { instructions: 'Run setup' } });
    const after = await client.products.retrieve(created.product_id);
    assert.deepEqual(after.digital_product_delivery, {
      external_url: 'https://example.com/dl',
      instructions: 'Run setup',
      files: [],
    });
  });

  test('PATCH, archive and unarchive answer 200 with an empty body, Content-Length 0 and no JSON type', async () => {
    const { product_id: id } = await server().client().products.create(oneTimeProduct());
    for (const [method, path, body] of [
      ['PATCH', `/products/${id}`, { name: 'x' }],
      ['DELETE', `/products/${id}`, undefined],
      ['POST', `/products/${id}/unarchive`, undefined],
    ] as const) {
      const res = await server().request(method, path, { body });
      assert.equal(res.status, 200, `${method} ${path}`);
      assert.equal(res.text, '');
      assert.equal(res.headers.get('content-length'), '0');
      assert.equal(res.headers.get('content-type'), null);
    }
  });

  test('an unknown product id is 404 NOT_FOUND on every product operation', async () => {
    const id = 'pdt_000000000000000000000';
    for (const [method, path, body] of [
      ['GET', `/products/${id}`, undefined],
      ['PATCH', `/products/${id}`, { name: 'x' }],
      ['DELETE', `/products/${id}`, undefined],
      ['POST', `/products/${id}/unarchive`, undefined],
    ] as const) {
      const res = await server().request(method, path, { body });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.json.code, 'NOT_FOUND');
    }
  });
});
