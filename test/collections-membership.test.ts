import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newBrand, newCollection, newProducts } from './support/collections.ts';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('which products a collection holds', () => {
  test('a product can join only one collection, and product_collection_id names it', async () => {
    const client = server().client();
    const [product] = await newProducts(client, 1);
    assert.equal((await client.products.retrieve(product!)).product_collection_id, null);
    const first = await client.productCollections.create({
      name: 'A',
      groups: [{ products: [{ product_id: product! }] }],
    });
    assert.equal((await client.products.retrieve(product!)).product_collection_id, first.id);

    const res = await server().request('POST', '/product-collections', {
      body: { name: 'B', groups: [{ products: [{ product_id: product }] }] },
    });
    assert.equal(res.status, 422);
    assert.equal(res.json.code, 'PRODUCT_ALREADY_IN_COLLECTION');
    assert.match(res.json.message, new RegExp(product!), 'the refusal names the product');
  });

  test('only active products of this business, mode and brand can join, each once; a refusal writes nothing', async () => {
    const client = server().client();
    const [ok, archived, repeated] = await newProducts(client, 3);
    await client.products.archive(archived!);
    const otherTenant = await server().newTenant();
    const foreign = (await otherTenant.client.products.create(oneTimeProduct())).product_id;
    const live = server().client((await server().keyFor(server().businessId, 'live')).key);
    const liveProduct = (await live.products.create(oneTimeProduct())).product_id;
    const brand = await newBrand(server());
    const [otherBrand] = await newProducts(client, 1, { brand_id: brand });
    const before = (await client.productCollections.list({ page_size: 100 })).items.length;

    for (const [products, code] of [
      [[ok, 'pdt_000000000000000000000'], 'MISSING_PRODUCT_IDS'],
      [[ok, foreign], 'MISSING_PRODUCT_IDS'],
      [[ok, liveProduct], 'MISSING_PRODUCT_IDS'],
      [[ok, archived], 'PRODUCT_IS_ARCHIVED'],
      [[ok, otherBrand], 'BRAND_MISMATCH'],
      [[ok, repeated, repeated], 'DUPLICATE_PRODUCT_IDS_IN_REQUEST'],
    ] as const) {
      const res = await server().request('POST', '/product-collections', {
        body: { name: 'X', groups: [{ products: products.map((product_id) => ({ product_id })) }] },
      });
      assert.equal(res.status, 422, code);
      assert.equal(res.json.code, code);
    }
    assert.equal((await client.productCollections.list({ page_size: 100 })).items.length, before);
    assert.equal((await client.products.retrieve(ok!)).product_collection_id, null, 'no item was left behind');

    const ofBrand = await client.productCollections.create({
      name: 'Second brand plans',
      brand_id: brand,
      groups: [{ products: [{ product_id: otherBrand! }] }],
    });
    assert.equal(ofBrand.brand_id, brand);
  });

  test("changing a collection's brand needs every product in it to have that brand", async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const product = created.groups[0]!.products[0]!.product_id;
    const brand = await newBrand(server());

    const res = await server().request('PATCH', `/product-collections/${created.id}`, { body: { brand_id: brand } });
    assert.equal(res.status, 422);
    assert.equal(res.json.code, 'BRAND_MISMATCH');
    assert.equal((await client.productCollections.retrieve(created.id)).brand_id, server().businessId);

    await client.products.update(product, { brand_id: brand });
    await client.productCollections.update(created.id, { brand_id: brand });
    assert.equal((await client.productCollections.retrieve(created.id)).brand_id, brand);
  });

  test('archiving a product keeps its item; unarchiving the collection drops it and says so', async () => {
    const client = server().client();
    const created = await newCollection(client, [3]);
    const [first, second, third] = created.groups[0]!.products.map((p) => p.product_id) as [string, string, string];
    await client.products.archive(second);
    const kept = await client.productCollections.retrieve(created.id);
    assert.equal(kept.groups[0]!.products.length, 3, 'the archived product keeps its item');

    await client.productCollections.delete(created.id);
    const { excluded_product_ids } = await client.productCollections.unarchive(created.id);
    assert.deepEqual(excluded_product_ids, [second]);
    const after = await client.productCollections.retrieve(created.id);
    assert.deepEqual(
      after.groups[0]!.products.map((p) => p.product_id),
      [first, third],
    );
    assert.equal((await client.products.retrieve(second)).product_collection_id, null);
  });
});
