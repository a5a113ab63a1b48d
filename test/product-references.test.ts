import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { addon, meter } from './support/catalog-factories.ts';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';

const server = useServer();

type MeterOnPrice = NonNullable<DodoPayments.Price.UsageBasedPrice['meters']>[number];

function withMeters(meters: MeterOnPrice[]): DodoPayments.ProductCreateParams {
  return usageBasedProduct({ price: { ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice), meters } });
}

async function productIds(client: DodoPayments): Promise<string[]> {
  const active = await client.products.list({ page_number: 0, page_size: 100 });
  const archived = await client.products.list({ page_number: 0, page_size: 100, archived: true });
  return [...active.items, ...archived.items].map((p) => p.product_id);
}

describe('what a product points at: addons, meters and its brand', () => {
  test('addons of this business attach to a subscription, in order, on create and on update', async () => {
    const client = server().client();
    const [a, b] = [await client.addons.create(addon()), await client.addons.create(addon({ name: 'Support' }))];
    const product = await client.products.create(recurringProduct({ addons: [b.id, a.id] }));
    assert.deepEqual(product.addons, [b.id, a.id]);
    await client.products.update(product.product_id, { addons: [a.id] });
    assert.deepEqual((await client.products.retrieve(product.product_id)).addons, [a.id]);
  });

  test('an addon id that is unknown, or belongs to another business or mode, is refused with MISSING_ADDON_IDS', async () => {
    const client = server().client();
    const theirs = await (await server().newTenant('test')).client.addons.create(addon());
    const live = server().client((await server().keyFor(server().businessId, 'live')).key);
    const otherMode = await live.addons.create(addon());
    const before = await productIds(client);
    for (const id of ['adn_unknown', theirs.id, otherMode.id]) {
      assert.deepEqual(await failure(client.products.create(recurringProduct({ addons: [id] }))), {
        status: 422,
        code: 'MISSING_ADDON_IDS',
      });
    }
    assert.deepEqual(await productIds(client), before, 'no product was written');
    const product = await client.products.create(recurringProduct());
    assert.deepEqual(await failure(client.products.update(product.product_id, { addons: [theirs.id] })), {
      status: 422,
      code: 'MISSING_ADDON_IDS',
    });
    assert.equal((await client.products.retrieve(product.product_id)).addons, null);
  });

  test("a usage-based price shows each meter's name, description and unit, whatever the request sent", async () => {
    const client = server().client();
    const calls = await client.meters.create(meter({ description: 'Every call' }));
    const tokens = await client.meters.create(
      meter({ name: 'Tokens', measurement_unit: 'tokens', aggregation: { type: 'sum', key: 'n' } }),
    );
    const product = await client.products.create(
      withMeters([
        { meter_id: calls.id, price_per_unit: '0.5', name: 'ignored', description: 'ignored' },
        { meter_id: tokens.id, price_per_unit: '0.01', free_threshold: 1000 },
      ]),
    );
    const meters = (product.price as DodoPayments.Price.UsageBasedPrice).meters ?? [];
    assert.deepEqual(
      meters.map((m) => [m.meter_id, m.name, m.description, m.measurement_unit, m.free_threshold]),
      [
        [calls.id, 'API calls', 'Every call', 'calls', null],
        [tokens.id, 'Tokens', null, 'tokens', 1000],
      ],
    );
    const listed = await client.products.list({ page_number: 0, page_size: 100 });
    const item = listed.items.find((p) => p.product_id === product.product_id);
    assert.deepEqual(item?.price_detail, product.price, 'list items show the same meter details');
  });

  test('a meter that is unknown, of another business or archived is refused, on create and on update', async () => {
    const client = server().client();
    const archived = await client.meters.create(meter());
    await client.meters.archive(archived.id);
    const theirs = await (await server().newTenant('test')).client.meters.create(meter());
    for (const [id, code] of [
      ['mtr_unknown', 'MISSING_METER_IDS'],
      [theirs.id, 'MISSING_METER_IDS'],
      [archived.id, 'METER_IS_DELETED'],
    ] as const) {
      assert.deepEqual(await failure(client.products.create(withMeters([{ meter_id: id, price_per_unit: '1' }]))), {
        status: 422,
        code,
      });
    }
    const product = await client.products.create(withMeters([]));
    assert.deepEqual(
      await failure(
        client.products.update(product.product_id, {
          price: (withMeters([{ meter_id: archived.id, price_per_unit: '1' }]) as { price: DodoPayments.Price }).price,
        }),
      ),
      { status: 422, code: 'METER_IS_DELETED' },
    );
  });

  test('a product keeps a meter archived after it was attached, and can still be updated', async () => {
    const client = server().client();
    const used = await client.meters.create(meter());
    const product = await client.products.create(withMeters([{ meter_id: used.id, price_per_unit: '1' }]));
    await client.meters.archive(used.id);
    await client.products.update(product.product_id, { name: 'Still editable' });
    const after = await client.products.retrieve(product.product_id);
    assert.equal((after.price as DodoPayments.Price.UsageBasedPrice).meters?.[0]?.name, 'API calls');
  });

  test('brand_id must name an enabled, non-archived brand of this business and mode', async () => {
    const client = server().client();
    const archived = await client.brands.create({ name: 'Retired' });
    await client.brands.archive(archived.brand_id, {});
    const theirs = await (await server().newTenant('test')).client.brands.create({});
    const usable = await client.brands.create({ name: 'Current' });
    assert.deepEqual(await failure(client.products.create(oneTimeProduct({ brand_id: archived.brand_id }))), {
      status: 422,
      code: 'BRAND_NOT_ENABLED',
    });
    assert.deepEqual(await failure(client.products.create(oneTimeProduct({ brand_id: theirs.brand_id }))), {
      status: 422,
      code: 'BRAND_NOT_FOUND',
    });
    const product = await client.products.create(oneTimeProduct({ brand_id: usable.brand_id }));
    assert.equal(product.brand_id, usable.brand_id);
    assert.deepEqual(await failure(client.products.update(product.product_id, { brand_id: archived.brand_id })), {
      status: 422,
      code: 'BRAND_NOT_ENABLED',
    });
    assert.equal((await client.products.retrieve(product.product_id)).brand_id, usable.brand_id);
  });
});

describe('a product and its brand changing at once', () => {
  test("an update naming the product's own brand never deadlocks with that brand's archive", async () => {
    const client = server().client();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [from, to] = [await client.brands.create({ name: 'From' }), await client.brands.create({ name: 'To' })];
      const product = await client.products.create(oneTimeProduct({ brand_id: from.brand_id }));
      const answers = await Promise.all([
        server().request('POST', `/brands/${from.brand_id}/archive`, { body: { move_products_to: to.brand_id } }),
        server().request('PATCH', `/products/${product.product_id}`, { body: { brand_id: from.brand_id, name: 'x' } }),
      ]);
      statuses.push(...answers.map((a) => a.status));
      assert.equal((await client.products.retrieve(product.product_id)).brand_id, to.brand_id);
    }
    assert.deepEqual(
      statuses.filter((s) => s >= 500),
      [],
    );
  });
});
