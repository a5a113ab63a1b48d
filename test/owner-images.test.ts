import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotFoundError, UnprocessableEntityError } from 'dodopayments';
import { newCollection } from './support/collections.ts';
import { png } from './support/images.ts';
import { useServer } from './support/server.ts';
import { put } from './support/uploads.ts';

// Collections, brands and addons carry images the way products do (the product flow is in media.test.ts).

const server = useServer();

async function served(url: string | null | undefined, bytes: Buffer) {
  assert.ok(url, 'an image URL');
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
}

describe('images of collections, brands and addons', () => {
  test('a collection image attaches itself without force_update, and with force_update through PATCH', async () => {
    const client = server().client();
    const collection = await newCollection(client);
    const first = await client.productCollections.updateImages(collection.id);
    assert.equal(first.image_id, null);
    const bytes = png();
    assert.equal((await put(first.url, bytes)).status, 200);
    await served((await client.productCollections.retrieve(collection.id)).image, bytes);

    const forced = await client.productCollections.updateImages(collection.id, { force_update: true });
    const newer = png({ width: 4 });
    await put(forced.url, newer);
    await client.productCollections.update(collection.id, { image_id: forced.image_id });
    const image = (await client.productCollections.retrieve(collection.id)).image;
    assert.equal(image, `${server().url}/images/${forced.image_id}`);
    await served(image, newer);
  });

  test('a brand image is uploaded, then attached with PATCH image_id', async () => {
    const client = server().client();
    const brand = await client.brands.create({ name: 'Pictured' });
    const issued = await client.brands.updateImages(brand.brand_id);
    const bytes = png({ height: 3 });
    await put(issued.url, bytes, 'image/png');
    assert.equal((await client.brands.retrieve(brand.brand_id)).image, null, 'not before the PATCH');
    const updated = await client.brands.update(brand.brand_id, { image_id: issued.image_id });
    await served(updated.image, bytes);
  });

  test('an addon image is uploaded, attached with PATCH, and removed with image_id null', async () => {
    const client = server().client();
    const addon = await client.addons.create({ name: 'Seat', price: 500, currency: 'USD', tax_category: 'saas' });
    const issued = await client.addons.updateImages(addon.id);
    const bytes = png({ width: 5 });
    await put(issued.url, bytes);
    await served((await client.addons.update(addon.id, { image_id: issued.image_id })).image, bytes);
    assert.equal((await client.addons.update(addon.id, { image_id: null })).image, null);
  });

  test('an image_id never uploaded is refused with 422 on every owner, and unknown owners are 404', async () => {
    const client = server().client();
    const collection = await newCollection(client);
    const brand = await client.brands.create({ name: 'Empty' });
    const addon = await client.addons.create({ name: 'Extra', price: 100, currency: 'USD', tax_category: 'saas' });
    const missing = crypto.randomUUID();
    await assert.rejects(
      client.productCollections.update(collection.id, { image_id: missing }),
      UnprocessableEntityError,
    );
    await assert.rejects(client.brands.update(brand.brand_id, { image_id: missing }), UnprocessableEntityError);
    await assert.rejects(client.addons.update(addon.id, { image_id: missing }), UnprocessableEntityError);
    await assert.rejects(client.productCollections.updateImages('pdc_missing'), NotFoundError);
    await assert.rejects(client.brands.updateImages('brnd_missing'), NotFoundError);
    await assert.rejects(client.addons.updateImages('adn_missing'), NotFoundError);
  });
});
