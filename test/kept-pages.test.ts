import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newCollection } from './support/collections.ts';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

// On SQLite answers of GETs are kept (src/http/page-cache.ts), and a PATCH drops only the pages that show what
// it changed. Each test reads every page twice before the write, so that the reads after it would be answered
// from kept pages if the write did not drop them.
describe('kept pages after a write that changes what they show', () => {
  test("a collection shows its product's PATCH at once", async () => {
    const client = server().client();
    const collection = await newCollection(client, [2]);
    const productId = collection.groups[0]!.products[1]!.product_id;
    const shown = async () => {
      const item = (await client.productCollections.retrieve(collection.id)).groups[0]!.products[1]!;
      return [item.name, item.description];
    };
    const before = await shown();
    assert.deepEqual(await shown(), before);
    await client.products.update(productId, { name: 'Renamed', description: 'Described again' });
    assert.deepEqual(await shown(), ['Renamed', 'Described again']);
  });

  test('a list of one brand loses a product moved to another brand, and that brand’s list gains it', async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Second brand' });
    const product = await client.products.create(oneTimeProduct({ name: 'Moving' }));
    const listed = async (brandId: string) =>
      (await server().request('GET', `/products?page_size=100&brand_id=${brandId}`)).json.items.map(
        (p: { product_id: string }) => p.product_id,
      );
    const lists = async () => [
      (await listed(server().businessId)).includes(product.product_id),
      (await listed(brand.brand_id)).includes(product.product_id),
    ];
    assert.deepEqual(await lists(), [true, false]);
    assert.deepEqual(await lists(), [true, false]);
    await client.products.update(product.product_id, { brand_id: brand.brand_id });
    assert.deepEqual(await lists(), [false, true]);
  });

  test('the list of collections shows a PATCH of an item at once', async () => {
    const client = server().client();
    const collection = await newCollection(client, [1]);
    const group = collection.groups[0]!;
    const updatedAt = async () =>
      (await client.productCollections.list({ page_size: 100 })).items.find((c) => c.id === collection.id)!.updated_at;
    const before = await updatedAt();
    assert.equal(await updatedAt(), before);
    await client.productCollections.groups.items.update(group.products[0]!.id, {
      id: collection.id,
      group_id: group.group_id,
      status: false,
    });
    assert.ok((await updatedAt()) > before);
  });
});
