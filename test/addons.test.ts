import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addon } from './support/catalog-factories.ts';
import { useServer } from './support/server.ts';
import { uploadedImage } from './support/uploads.ts';

const server = useServer();

describe('addons through the official SDK', () => {
  test('an addon is created, retrieved, listed and updated, and PATCH returns it', async () => {
    const client = server().client();
    const created = await client.addons.create(addon({ description: 'One more seat' }));
    assert.match(created.id, /^adn_[0-9A-Za-z]{21}$/);
    assert.equal(created.business_id, server().businessId);
    assert.equal(created.price, 500);
    assert.equal(created.image, null);
    assert.deepEqual(await client.addons.retrieve(created.id), created);

    const listed = await client.addons.list({ page_number: 0, page_size: 100 });
    assert.equal(listed.items[0]?.id, created.id, 'newest first');

    const updated = await client.addons.update(created.id, { price: 750, currency: 'EUR', name: null });
    assert.equal(updated.price, 750);
    assert.equal(updated.currency, 'EUR');
    assert.equal(updated.name, 'Extra seat', 'null leaves the name unchanged');
    assert.equal(updated.description, 'One more seat', 'an absent field is unchanged');
    assert.deepEqual(await client.addons.retrieve(created.id), updated);
  });

  test('image_id sets the image, null removes it, and leaving it out keeps it', async () => {
    const client = server().client();
    const { id } = await client.addons.create(addon());
    const imageId = await uploadedImage(await client.addons.updateImages(id));
    const withImage = await client.addons.update(id, { image_id: imageId });
    assert.ok(withImage.image?.endsWith(imageId));
    assert.equal((await client.addons.update(id, { name: 'Renamed' })).image, withImage.image);
    assert.equal((await client.addons.update(id, { image_id: null })).image, null);
  });

  test('lists are zero-based pages of at most page_size addons', async () => {
    const { client } = await server().newTenant('test');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.addons.create(addon({ name: `a${i}` }))).id);
    const first = await client.addons.list({ page_number: 0, page_size: 2 });
    const second = await client.addons.list({ page_number: 1, page_size: 2 });
    assert.deepEqual(
      [...first.items, ...second.items].map((a) => a.id),
      ids.reverse(),
    );
  });

  test('names are 1 to 100 characters, descriptions at most 1000, prices whole and not negative', async () => {
    for (const body of [
      addon({ name: '' }),
      addon({ name: 'n'.repeat(101) }),
      addon({ description: 'd'.repeat(1001) }),
      addon({ price: -1 }),
      addon({ price: 1.5 }),
      { ...addon(), currency: 'XXX' },
    ]) {
      const res = await server().request('POST', '/addons', { body });
      assert.deepEqual([res.status, res.json.code], [422, 'INVALID_REQUEST_BODY'], JSON.stringify(body));
    }
    const { id } = await server().client().addons.create(addon());
    const res = await server().request('PATCH', `/addons/${id}`, { body: { name: 'n'.repeat(101) } });
    assert.equal(res.status, 422);
  });

  test('another business, the other mode, or an unknown id gets 404 for an addon', async () => {
    const { id } = await server().client().addons.create(addon());
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    for (const key of [other.key, live.key]) {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'x' }],
      ] as const) {
        const res = await server().request(method, `/addons/${id}`, { body, key });
        assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND'], method);
      }
      const listed = await server().request('GET', '/addons?page_size=100', { key });
      assert.ok(!listed.json.items.some((a: { id: string }) => a.id === id));
    }
    const unknown = await server().request('GET', '/addons/adn_000000000000000000000');
    assert.equal(unknown.status, 404);
  });
});
