import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newBrand, newCollection, newProducts } from './support/collections.ts';
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

  test('a product renamed shows in every list page that holds it, whatever its size', async () => {
    const client = server().client();
    const [productId] = await newProducts(client, 1);
    const names = async () => {
      const pages = await Promise.all([
        client.products.list({ page_size: 100 }),
        client.products.list({ page_size: 3 }),
      ]);
      return pages.map((page) => page.items.find((p) => p.product_id === productId)?.name);
    };
    assert.deepEqual(await names(), ['Plan 0', 'Plan 0']);
    assert.deepEqual(await names(), ['Plan 0', 'Plan 0']);
    await client.products.update(productId!, { name: 'Renamed' });
    assert.deepEqual(await names(), ['Renamed', 'Renamed']);
  });

  test('a list of one brand loses a collection moved to another brand, and that brand’s list gains it', async () => {
    const client = server().client();
    const brand = await newBrand(server());
    const collection = await newCollection(client, [1]);
    await client.products.update(collection.groups[0]!.products[0]!.product_id, { brand_id: brand });
    const listed = async (brandId: string) =>
      (await client.productCollections.list({ page_size: 100, brand_id: brandId })).items.some(
        (c) => c.id === collection.id,
      );
    const lists = async () => [await listed(server().businessId), await listed(brand)];
    assert.deepEqual(await lists(), [true, false]);
    assert.deepEqual(await lists(), [true, false]);
    await client.productCollections.update(collection.id, { brand_id: brand });
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

  // A product's page shows the collection that holds it (`product_collection_id`).
  describe("a product's page after a change of which products a collection holds", () => {
    const collectionOf = async (productId: string) => {
      const shown = async () =>
        (await server().request('GET', `/products/${productId}`)).json.product_collection_id as string | null;
      const first = await shown();
      assert.equal(await shown(), first);
      return first;
    };

    test('an item added to a group, then removed', async () => {
      const client = server().client();
      const collection = await newCollection(client, [1]);
      const group = collection.groups[0]!;
      const [productId] = await newProducts(client, 1);
      assert.equal(await collectionOf(productId!), null);
      const [item] = await client.productCollections.groups.items.create(group.group_id, {
        id: collection.id,
        products: [{ product_id: productId! }],
      });
      assert.equal(await collectionOf(productId!), collection.id);
      await client.productCollections.groups.items.delete(item!.id, { id: collection.id, group_id: group.group_id });
      assert.equal(await collectionOf(productId!), null);
    });

    test('a group added with the product, then deleted', async () => {
      const client = server().client();
      const collection = await newCollection(client, [1]);
      const [productId] = await newProducts(client, 1);
      assert.equal(await collectionOf(productId!), null);
      const group = await client.productCollections.groups.create(collection.id, {
        products: [{ product_id: productId! }],
      });
      assert.equal(await collectionOf(productId!), collection.id);
      await client.productCollections.groups.delete(group.group_id, { id: collection.id });
      assert.equal(await collectionOf(productId!), null);
    });

    test('a collection unarchived without a product archived meanwhile', async () => {
      const client = server().client();
      const collection = await newCollection(client, [2]);
      const productId = collection.groups[0]!.products[0]!.product_id;
      await client.productCollections.delete(collection.id);
      await client.products.archive(productId);
      assert.equal(await collectionOf(productId), collection.id);
      const { excluded_product_ids } = await client.productCollections.unarchive(collection.id);
      assert.deepEqual(excluded_product_ids, [productId]);
      assert.equal(await collectionOf(productId), null);
    });
  });
});
