import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct } from './support/factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';
import { uploadedImage } from './support/uploads.ts';

const server = useServer();

describe('brands through the official SDK', () => {
  test('the primary brand is listed, and a new brand is created, retrieved and listed first', async () => {
    const client = server().client();
    const before = await client.brands.list();
    assert.deepEqual(
      before.items.map((b) => b.brand_id),
      [server().businessId],
      'the primary brand, whose id is the business id',
    );
    const brand = await client.brands.create({ name: 'Acme Learning Platform Inc', support_email: 'help@acme.test' });
    assert.match(brand.brand_id, /^brnd_[0-9A-Za-z]{21}$/);
    assert.equal(brand.business_id, server().businessId);
    assert.equal(brand.statement_descriptor, 'ACME LEARNING PLATFORM', 'the name, upper-cased, cut to 22 characters');
    assert.equal(brand.enabled, true);
    assert.equal(brand.verification_status, 'Success', 'test-mode brands pass verification at once');
    assert.equal(brand.archived_at, null);
    assert.equal(brand.image, null);
    assert.deepEqual(await client.brands.retrieve(brand.brand_id), brand);
    const after = await client.brands.list();
    assert.equal(after.items[0]?.brand_id, brand.brand_id, 'newest first');
  });

  test('a live-mode brand waits in review, and a nameless one takes its descriptor from the business', async () => {
    const live = server().client((await server().keyFor(server().businessId, 'live')).key);
    const brand = await live.brands.create({});
    assert.equal(brand.verification_status, 'Review');
    assert.equal(brand.name, null);
    assert.equal(brand.statement_descriptor, 'DEFAULT');
  });

  test('a statement descriptor longer than 22 characters is refused', async () => {
    const res = await server().request('POST', '/brands', { body: { statement_descriptor: 'X'.repeat(23) } });
    assert.deepEqual([res.status, res.json.code], [422, 'INVALID_REQUEST_BODY']);
  });

  test('PATCH returns the brand with the fields it sets, and null or absent fields keep their value', async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Old', description: 'kept', url: 'https://old.test' });
    const imageId = await uploadedImage(await client.brands.updateImages(brand.brand_id));
    const updated = await client.brands.update(brand.brand_id, {
      name: 'New',
      url: null,
      statement_descriptor: 'NEW CO',
      image_id: imageId,
    });
    assert.equal(updated.name, 'New');
    assert.equal(updated.description, 'kept');
    assert.equal(updated.url, 'https://old.test', 'null leaves the field unchanged');
    assert.equal(updated.statement_descriptor, 'NEW CO');
    assert.ok(updated.image?.endsWith(imageId), 'the image URL is built from image_id');
    assert.deepEqual(await client.brands.retrieve(brand.brand_id), updated);
  });

  test('the primary brand cannot be updated or archived here: 403', async () => {
    const client = server().client();
    const id = server().businessId;
    assert.deepEqual(await failure(client.brands.update(id, { name: 'x' })), {
      status: 403,
      code: 'UNABLE_TO_EDIT_PRIMARY_BRAND',
    });
    assert.deepEqual(await failure(client.brands.archive(id, {})), {
      status: 403,
      code: 'UNABLE_TO_ARCHIVE_PRIMARY_BRAND',
    });
  });

  test('archiving a brand with no products needs no target, hides it from the list, and is final', async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Short-lived' });
    const archived = await client.brands.archive(brand.brand_id, {});
    assert.equal(archived.brand_id, brand.brand_id);
    assert.equal(archived.products_moved, 0);
    assert.equal(archived.subscriptions_moved, 0);
    assert.equal(archived.collections_moved, 0);
    assert.equal(archived.moved_to_brand_id, null);
    assert.equal((await client.brands.retrieve(brand.brand_id)).archived_at, archived.archived_at);

    assert.ok(!(await client.brands.list()).items.some((b) => b.brand_id === brand.brand_id));
    const all = await client.brands.list({ include_archived: true });
    assert.ok(
      all.items.some((b) => b.brand_id === brand.brand_id),
      'include_archived shows it',
    );

    assert.deepEqual(await failure(client.brands.archive(brand.brand_id, {})), {
      status: 409,
      code: 'BRAND_ALREADY_ARCHIVED',
    });
    assert.deepEqual(await failure(client.brands.update(brand.brand_id, { name: 'x' })), {
      status: 422,
      code: 'BRAND_IS_ARCHIVED',
    });
  });

  test('archiving a brand that holds products needs a target, and moves every product to it', async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Old line' });
    const target = await client.brands.create({ name: 'New line' });
    const kept = await client.products.create(oneTimeProduct({ brand_id: brand.brand_id }));
    const retired = await client.products.create(oneTimeProduct({ brand_id: brand.brand_id }));
    await client.products.archive(retired.product_id);

    assert.deepEqual(await failure(client.brands.archive(brand.brand_id, {})), {
      status: 422,
      code: 'MOVE_PRODUCTS_TO_REQUIRED',
    });
    assert.deepEqual(await failure(client.brands.archive(brand.brand_id, { move_products_to: brand.brand_id })), {
      status: 422,
      code: 'INVALID_MOVE_PRODUCTS_TO',
    });
    assert.deepEqual(await failure(client.brands.archive(brand.brand_id, { move_products_to: 'brnd_nope' })), {
      status: 422,
      code: 'BRAND_NOT_FOUND',
    });
    assert.equal((await client.brands.retrieve(brand.brand_id)).archived_at, null, 'a refused archive changes nothing');

    const archived = await client.brands.archive(brand.brand_id, { move_products_to: target.brand_id });
    assert.equal(archived.products_moved, 2, 'archived products move too');
    assert.equal(archived.moved_to_brand_id, target.brand_id);
    assert.equal((await client.products.retrieve(kept.product_id)).brand_id, target.brand_id);
    assert.equal((await client.products.retrieve(retired.product_id)).brand_id, target.brand_id);
  });

  test("archiving moves the brand's collections along with their products", async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Bundles' });
    const target = await client.brands.create({ name: 'Bundles 2' });
    const product = await client.products.create(oneTimeProduct({ brand_id: brand.brand_id }));
    const collection = await client.productCollections.create({
      name: 'Bundle',
      brand_id: brand.brand_id,
      groups: [{ products: [{ product_id: product.product_id }] }],
    });
    const archived = await client.brands.archive(brand.brand_id, { move_products_to: target.brand_id });
    assert.deepEqual([archived.products_moved, archived.collections_moved], [1, 1]);
    assert.equal((await client.productCollections.retrieve(collection.id)).brand_id, target.brand_id);
  });

  test('products can move to the primary brand, but not to an archived one', async () => {
    const client = server().client();
    const gone = await client.brands.create({ name: 'Gone' });
    await client.brands.archive(gone.brand_id, {});
    const brand = await client.brands.create({ name: 'Moving' });
    await client.products.create(oneTimeProduct({ brand_id: brand.brand_id }));
    assert.deepEqual(await failure(client.brands.archive(brand.brand_id, { move_products_to: gone.brand_id })), {
      status: 422,
      code: 'BRAND_NOT_ENABLED',
    });
    const archived = await client.brands.archive(brand.brand_id, { move_products_to: server().businessId });
    assert.equal(archived.products_moved, 1);
  });

  test('another business, or the other mode, gets 404 for a brand and cannot be a move target', async () => {
    const brand = await server().client().brands.create({ name: 'Mine' });
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    for (const key of [other.key, live.key]) {
      for (const [method, path, body] of [
        ['GET', `/brands/${brand.brand_id}`, undefined],
        ['PATCH', `/brands/${brand.brand_id}`, { name: 'x' }],
        ['POST', `/brands/${brand.brand_id}/archive`, {}],
      ] as const) {
        const res = await server().request(method, path, { body, key });
        assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND'], `${method} ${path}`);
      }
      const listed = await server().request('GET', '/brands?include_archived=true', { key });
      assert.ok(!listed.json.items.some((b: { brand_id: string }) => b.brand_id === brand.brand_id));
    }
    const client = server().client();
    const moving = await client.brands.create({ name: 'Moving away' });
    await client.products.create(oneTimeProduct({ brand_id: moving.brand_id }));
    const theirs = await other.client.brands.create({ name: 'Theirs' });
    assert.deepEqual(await failure(client.brands.archive(moving.brand_id, { move_products_to: theirs.brand_id })), {
      status: 422,
      code: 'BRAND_NOT_FOUND',
    });
  });
});
