import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { openDatabase } from '../src/db/database.ts';
import { meter } from './support/catalog-factories.ts';
import { newCollection, newProducts } from './support/collections.ts';
import { recurringProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';
import { uploadedImage } from './support/uploads.ts';

const server = useServer();

describe('product collections through the official SDK', () => {
  test('a collection and the list show a write committed by another connection (another process) at once', async () => {
    const client = server().client();
    const { id } = await newCollection(client, [1], { name: 'elsewhere-before' });
    const read = async () => {
      const listed = await client.productCollections.list({ page_size: 100 });
      return [(await client.productCollections.retrieve(id)).name, listed.items.find((c) => c.id === id)?.name];
    };
    // Read twice: the second answers come from the kept pages, where the store keeps them.
    assert.deepEqual(await read(), ['elsewhere-before', 'elsewhere-before']);
    assert.deepEqual(await read(), ['elsewhere-before', 'elsewhere-before']);
    // A second connection to the same database, as a second server process or the CLI would hold.
    const other = openDatabase(server().database.url);
    try {
      await other.db.updateTable('product_collections').set({ name: 'elsewhere-after' }).where('id', '=', id).execute();
    } finally {
      await other.close();
    }
    assert.deepEqual(await read(), ['elsewhere-after', 'elsewhere-after']);
  });

  test('a collection goes through create, retrieve, list, update, archive and unarchive', async () => {
    const client = server().client();
    const [starter, pro] = await newProducts(client, 2);
    const created = await client.productCollections.create({
      name: 'Plans',
      description: 'Pick one',
      groups: [
        { group_name: 'Monthly', products: [{ product_id: starter! }, { product_id: pro!, status: false }] },
        { products: [], status: false },
      ],
    });
    assert.match(created.id, /^pdc_[0-9A-Za-z]{21}$/);
    assert.equal(created.brand_id, server().businessId, 'defaults to the primary brand');
    assert.deepEqual(
      created.groups.map((g) => [g.group_name, g.status, g.products.map((p) => [p.product_id, p.status])]),
      [
        [
          'Monthly',
          true,
          [
            [starter, true],
            [pro, false],
          ],
        ],
        [null, false, []],
      ],
      'groups and items keep the request order; status defaults to true',
    );
    assert.match(created.groups[0]!.group_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await client.productCollections.retrieve(created.id), created);

    await client.productCollections.update(created.id, { name: 'Pricing', description: null });
    const renamed = await client.productCollections.retrieve(created.id);
    assert.equal(renamed.name, 'Pricing');
    assert.equal(renamed.description, null, 'null clears the description');
    assert.ok(renamed.updated_at >= created.updated_at);

    const listed = await client.productCollections.list({ page_number: 0 });
    assert.deepEqual(
      listed.items.find((c) => c.id === created.id),
      {
        id: created.id,
        name: 'Pricing',
        description: null,
        image: null,
        products_count: 2,
        created_at: created.created_at,
        updated_at: renamed.updated_at,
      },
      'products_count counts every item, disabled ones too',
    );

    await client.productCollections.delete(created.id);
    const active = await client.productCollections.list({ page_number: 0 });
    assert.ok(!active.items.some((c) => c.id === created.id), 'archived collections leave the list');
    const archived = await client.productCollections.list({ page_number: 0, archived: true });
    assert.ok(
      archived.items.some((c) => c.id === created.id),
      'and show with archived=true',
    );
    assert.equal((await client.productCollections.retrieve(created.id)).groups.length, 2, 'and can still be read');

    const unarchived = await client.productCollections.unarchive(created.id);
    assert.deepEqual(unarchived, {
      message: 'Product collection unarchived successfully',
      collection_id: created.id,
      excluded_product_ids: [],
    });
    const back = await client.productCollections.list({ page_number: 0 });
    assert.ok(back.items.some((c) => c.id === created.id));
  });

  test('every documented key is present, null where there is no value', async () => {
    const created = await newCollection(server().client());
    for (const key of [
      'description',
      'image',
      'effective_at_on_upgrade',
      'effective_at_on_downgrade',
      'on_payment_failure',
      'proration_billing_mode_on_upgrade',
      'proration_billing_mode_on_downgrade',
    ]) {
      assert.equal((created as unknown as Record<string, unknown>)[key], null, `${key} is null`);
    }
  });

  test('PATCH sets, clears and keeps each plan-change policy; null keeps the name', async () => {
    const client = server().client();
    const { id } = await newCollection(client, [1], { effective_at_on_upgrade: 'immediately' });
    await client.productCollections.update(id, {
      effective_at_on_downgrade: 'next_billing_date',
      on_payment_failure: 'prevent_change',
      proration_billing_mode_on_upgrade: 'prorated_immediately',
      proration_billing_mode_on_downgrade: 'do_not_bill',
    });
    const set = await client.productCollections.retrieve(id);
    assert.equal(set.effective_at_on_upgrade, 'immediately', 'an absent field keeps its value');
    assert.equal(set.effective_at_on_downgrade, 'next_billing_date');
    assert.equal(set.on_payment_failure, 'prevent_change');
    assert.equal(set.proration_billing_mode_on_upgrade, 'prorated_immediately');
    assert.equal(set.proration_billing_mode_on_downgrade, 'do_not_bill');

    await client.productCollections.update(id, { effective_at_on_upgrade: null, on_payment_failure: null, name: null });
    const cleared = await client.productCollections.retrieve(id);
    assert.equal(cleared.effective_at_on_upgrade, null, 'null clears back to inherit');
    assert.equal(cleared.on_payment_failure, null);
    assert.equal(cleared.effective_at_on_downgrade, 'next_billing_date');
    assert.equal(cleared.name, 'Plans', 'null keeps the name');

    const bad = await server().request('PATCH', `/product-collections/${id}`, { body: { on_payment_failure: 'x' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.code, 'INVALID_REQUEST_BODY');
  });

  test('group_order reorders the groups; anything but every group id once is 422 and changes nothing', async () => {
    const client = server().client();
    const created = await newCollection(client, [1, 1, 1]);
    const [a, b, c] = created.groups.map((g) => g.group_id) as [string, string, string];
    await client.productCollections.update(created.id, { group_order: [c, a, b] });
    const order = async () => (await client.productCollections.retrieve(created.id)).groups.map((g) => g.group_id);
    assert.deepEqual(await order(), [c, a, b]);

    for (const group_order of [
      [c, a],
      [c, a, b, b],
      [c, a, b, created.groups[0]!.products[0]!.id],
      [a, a, b],
    ]) {
      const res = await server().request('PATCH', `/product-collections/${created.id}`, {
        body: { group_order, name: 'Should not stick' },
      });
      assert.equal(res.status, 422, JSON.stringify(group_order));
      assert.equal(res.json.code, 'INVALID_REQUEST_BODY');
    }
    assert.deepEqual(await order(), [c, a, b], 'a refused order moves nothing');
    assert.equal((await client.productCollections.retrieve(created.id)).name, 'Plans', 'and writes nothing else');
  });

  test('a collection must start with at least one product', async () => {
    for (const groups of [[], [{ products: [] }, { group_name: 'Empty', products: [] }]]) {
      const res = await server().request('POST', '/product-collections', { body: { name: 'Empty', groups } });
      assert.equal(res.status, 422);
      assert.equal(res.json.code, 'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS');
    }
  });

  test('the list pages newest first and filters by brand_id', async () => {
    const tenant = await server().newTenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await newCollection(tenant.client, [1])).id);
    const page0 = await tenant.client.productCollections.list({ page_number: 0, page_size: 2 });
    const page1 = await tenant.client.productCollections.list({ page_number: 1, page_size: 2 });
    assert.deepEqual(
      [...page0.items, ...page1.items].map((c) => c.id),
      ids.reverse(),
    );
    const ofPrimary = await tenant.client.productCollections.list({ brand_id: tenant.businessId });
    assert.equal(ofPrimary.items.length, 3);
    assert.deepEqual((await tenant.client.productCollections.list({ brand_id: 'brnd_none' })).items, []);
  });

  test('archiving twice is 410; unarchiving an active collection changes nothing', async () => {
    const client = server().client();
    const created = await newCollection(client, [2]);
    await client.products.archive(created.groups[0]!.products[1]!.product_id);
    const notArchived = await client.productCollections.unarchive(created.id);
    assert.deepEqual(notArchived.excluded_product_ids, []);
    assert.equal((await client.productCollections.retrieve(created.id)).groups[0]!.products.length, 2);

    await client.productCollections.delete(created.id);
    const again = await server().request('DELETE', `/product-collections/${created.id}`);
    assert.equal(again.status, 410);
    assert.equal(again.json.code, 'PRODUCT_COLLECTION_IS_DELETED');
  });

  test('PATCH without image_id keeps the image, and image_id null removes it', async () => {
    const client = server().client();
    const { id } = await newCollection(client, [1]);
    const image_id = await uploadedImage(
      (await client.productCollections.updateImages(id, { force_update: true })) as { url: string; image_id: string },
    );
    await client.productCollections.update(id, { image_id });
    const image = (await client.productCollections.retrieve(id)).image;
    assert.ok(image?.endsWith(image_id), `${image} names the image`);
    assert.equal(
      (await client.productCollections.list({ page_size: 100 })).items.find((c) => c.id === id)?.image,
      image,
    );
    await client.productCollections.update(id, { description: 'kept' });
    assert.equal((await client.productCollections.retrieve(id)).image, image);
    await client.productCollections.update(id, { image_id: null });
    assert.equal((await client.productCollections.retrieve(id)).image, null);
  });

  test("an item shows its product's current fields, read when the collection is", async () => {
    const client = server().client();
    const product = await client.products.create(
      recurringProduct({ description: 'Monthly seats', license_key_enabled: true }),
    );
    const created = await client.productCollections.create({
      name: 'Plans',
      groups: [{ products: [{ product_id: product.product_id }] }],
    });
    const item = created.groups[0]!.products[0]!;
    assert.deepEqual(item, {
      id: item.id,
      product_id: product.product_id,
      status: true,
      name: 'Pro plan',
      description: 'Monthly seats',
      price: 2000,
      currency: 'USD',
      price_detail: product.price,
      tax_category: 'saas',
      tax_inclusive: null,
      is_recurring: true,
      license_key_enabled: true,
      addons_count: 0,
      meters_count: 0,
      files_count: 0,
      has_credit_entitlements: false,
    });

    const price = { ...product.price, price: 4500, currency: 'EUR', tax_inclusive: true } as typeof product.price;
    await client.products.update(product.product_id, { name: 'Pro', price });
    const now = (await client.productCollections.retrieve(created.id)).groups[0]!.products[0]!;
    assert.equal(now.name, 'Pro');
    assert.equal(now.price, 4500);
    assert.equal(now.currency, 'EUR');
    assert.equal(now.tax_inclusive, true);
    assert.deepEqual(now.price_detail, (await client.products.retrieve(product.product_id)).price);
  });

  test("a usage-based item's price_detail is the product's price, meters with their current details", async () => {
    const client = server().client();
    const calls = await client.meters.create(meter());
    const base = usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice;
    const product = await client.products.create(
      usageBasedProduct({ price: { ...base, meters: [{ meter_id: calls.id, price_per_unit: '0.5' }] } }),
    );
    const { id } = await client.productCollections.create({
      name: 'Metered',
      groups: [{ products: [{ product_id: product.product_id }] }],
    });
    const item = (await client.productCollections.retrieve(id)).groups[0]!.products[0]!;
    assert.deepEqual(item.price_detail, (await client.products.retrieve(product.product_id)).price);
    assert.equal(item.price, 500, 'the headline amount of a usage-based price is its fixed price');
    assert.equal(item.meters_count, 1);
  });

  test("an unknown collection, or another business's, is 404 on every collection operation", async () => {
    const foreign = (await newCollection((await server().newTenant()).client, [1])).id;
    for (const id of ['pdc_000000000000000000000', foreign]) {
      for (const [method, path, body] of [
        ['GET', `/product-collections/${id}`, undefined],
        ['PATCH', `/product-collections/${id}`, { name: 'x' }],
        ['DELETE', `/product-collections/${id}`, undefined],
        ['POST', `/product-collections/${id}/unarchive`, undefined],
        ['POST', `/product-collections/${id}/groups`, { products: [] }],
      ] as const) {
        const res = await server().request(method, path, { body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.json.code, 'NOT_FOUND');
      }
    }
  });

  test('PATCH and DELETE answer 200 with an empty body, Content-Length 0 and no JSON type', async () => {
    const { id } = await newCollection(server().client(), [1]);
    for (const [method, path, body] of [
      ['PATCH', `/product-collections/${id}`, { name: 'x' }],
      ['DELETE', `/product-collections/${id}`, undefined],
    ] as const) {
      const res = await server().request(method, path, { body });
      assert.equal(res.status, 200, `${method} ${path}`);
      assert.equal(res.text, '');
      assert.equal(res.headers.get('content-length'), '0');
      assert.equal(res.headers.get('content-type'), null);
    }
  });
});
