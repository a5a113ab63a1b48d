import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { itemIds, newBrand, newCollection, newProducts, UNKNOWN_UUID } from './support/collections.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('collection items', () => {
  test('added products go after the group’s items, and the answer holds only the new items', async () => {
    const client = server().client();
    const created = await newCollection(client, [2]);
    const groupId = created.groups[0]!.group_id;
    const [a, b] = await newProducts(client, 2);
    const added = await client.productCollections.groups.items.create(groupId, {
      id: created.id,
      products: [{ product_id: a! }, { product_id: b!, status: false }],
    });
    assert.deepEqual(
      added.map((item) => [item.product_id, item.status]),
      [
        [a, true],
        [b, false],
      ],
    );
    const group = (await client.productCollections.retrieve(created.id)).groups[0]!;
    assert.deepEqual(group.products.slice(2), added, 'appended at the end, as answered');
    assert.equal((await client.products.retrieve(b!)).product_collection_id, created.id);
  });

  test('adding a product held by any collection, or another brand’s, or an archived one, is 422', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const other = await newCollection(client, [1]);
    const groupId = created.groups[0]!.group_id;
    const [archived] = await newProducts(client, 1);
    await client.products.archive(archived!);
    const [branded] = await newProducts(client, 1, { brand_id: await newBrand(server()) });
    const [fresh] = await newProducts(client, 1);
    for (const [productId, code] of [
      [created.groups[0]!.products[0]!.product_id, 'PRODUCT_ALREADY_IN_COLLECTION'],
      [other.groups[0]!.products[0]!.product_id, 'PRODUCT_ALREADY_IN_COLLECTION'],
      [branded, 'BRAND_MISMATCH'],
      [archived, 'PRODUCT_IS_ARCHIVED'],
      ['pdt_000000000000000000000', 'MISSING_PRODUCT_IDS'],
    ] as const) {
      const res = await server().request('POST', `/product-collections/${created.id}/groups/${groupId}/items`, {
        body: { products: [{ product_id: fresh }, { product_id: productId }] },
      });
      assert.equal(res.status, 422, code);
      assert.equal(res.json.code, code);
    }
    assert.equal((await itemIds(client, created.id))[0]!.length, 1, 'a refused add writes nothing');
  });

  test('PATCH sets the item status and answers 200 with no body (seed 000)', async () => {
    const client = server().client();
    const created = await newCollection(client, [2]);
    const group = created.groups[0]!;
    const item = group.products[1]!;
    // A millisecond apart at least, so that a touch shows in `updated_at`.
    await setTimeout(2);
    const res = await server().request(
      'PATCH',
      `/product-collections/${created.id}/groups/${group.group_id}/items/${item.id}`,
      { body: { status: false } },
    );
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('content-length'), '0');
    const statuses = async () =>
      (await client.productCollections.retrieve(created.id)).groups[0]!.products.map((p) => p.status);
    assert.deepEqual(await statuses(), [true, false]);
    const touched = await client.productCollections.retrieve(created.id);
    assert.ok(touched.updated_at > created.updated_at, 'the item’s PATCH moves its collection’s updated_at');
    await client.productCollections.groups.items.update(item.id, {
      id: created.id,
      group_id: group.group_id,
      status: true,
    });
    assert.deepEqual(await statuses(), [true, true]);
  });

  test('an item PATCH needs a boolean status (seed 000): missing, null or a string is 422', async () => {
    const created = await newCollection(server().client(), [1]);
    const group = created.groups[0]!;
    const path = `/product-collections/${created.id}/groups/${group.group_id}/items/${group.products[0]!.id}`;
    for (const body of [{}, { status: null }, { status: 'false' }, { status: 0 }]) {
      const res = await server().request('PATCH', path, { body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.json.code, 'INVALID_REQUEST_BODY');
      assert.match(res.json.message, /status/);
    }
  });

  test('an item is found only under its own group and collection; elsewhere it is 404 (seed 000)', async () => {
    const client = server().client();
    const created = await newCollection(client, [1, 1]);
    const other = await newCollection(client, [1]);
    const [home, away] = created.groups as [(typeof created.groups)[0], (typeof created.groups)[0]];
    const item = home.products[0]!.id;
    const stamps = async () =>
      Promise.all([created.id, other.id].map(async (id) => (await client.productCollections.retrieve(id)).updated_at));
    const stampsBefore = await stamps();
    await setTimeout(2);
    for (const [collectionId, groupId, itemId] of [
      [created.id, away.group_id, item],
      [other.id, home.group_id, item],
      [other.id, other.groups[0]!.group_id, item],
      [created.id, home.group_id, UNKNOWN_UUID],
      [created.id, UNKNOWN_UUID, item],
      ['pdc_000000000000000000000', home.group_id, item],
    ]) {
      const path = `/product-collections/${collectionId}/groups/${groupId}/items/${itemId}`;
      for (const [method, body] of [
        ['PATCH', { status: false }],
        ['DELETE', undefined],
      ] as const) {
        const res = await server().request(method, path, { body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.json.code, 'NOT_FOUND');
      }
    }
    assert.deepEqual(await itemIds(client, created.id), [[item], [away.products[0]!.id]], 'nothing moved');
    assert.equal((await client.productCollections.retrieve(created.id)).groups[0]!.products[0]!.status, true);
    assert.deepEqual(await stamps(), stampsBefore, 'a 404 leaves every collection’s updated_at where it was');
  });

  test('a malformed item id is 422 INVALID_REQUEST_PARAMETERS, never a server error', async () => {
    const created = await newCollection(server().client(), [1]);
    const base = `/product-collections/${created.id}/groups/${created.groups[0]!.group_id}/items`;
    for (const itemId of ['not-a-uuid', '42', 'pdt_000000000000000000000']) {
      for (const [method, body] of [
        ['PATCH', { status: false }],
        ['DELETE', undefined],
      ] as const) {
        const res = await server().request(method, `${base}/${itemId}`, { body });
        assert.equal(res.status, 422, `${method} ${itemId}`);
        assert.equal(res.json.code, 'INVALID_REQUEST_PARAMETERS');
      }
    }
  });

  test('deleting an item takes the product out of the collection and closes the gap (204)', async () => {
    const client = server().client();
    const created = await newCollection(client, [3]);
    const group = created.groups[0]!;
    const [a, b, c] = group.products as [
      (typeof group.products)[0],
      (typeof group.products)[0],
      (typeof group.products)[0],
    ];
    const res = await server().request(
      'DELETE',
      `/product-collections/${created.id}/groups/${group.group_id}/items/${b.id}`,
    );
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal((await client.products.retrieve(b.product_id)).product_collection_id, null);
    assert.deepEqual((await itemIds(client, created.id))[0], [a.id, c.id]);

    const [d] = await client.productCollections.groups.items.create(group.group_id, {
      id: created.id,
      products: [{ product_id: b.product_id }],
    });
    assert.deepEqual((await itemIds(client, created.id))[0], [a.id, c.id, d!.id], 'a removed product can come back');
    await client.productCollections.groups.update(group.group_id, {
      id: created.id,
      product_order: [d!.id, c.id, a.id],
    });
    assert.deepEqual((await itemIds(client, created.id))[0], [d!.id, c.id, a.id], 'positions stay dense');
  });

  test('the last product of a collection cannot be deleted, whichever group holds it', async () => {
    const client = server().client();
    const created = await newCollection(client, [1, 1]);
    const [first, second] = created.groups as [(typeof created.groups)[0], (typeof created.groups)[0]];
    await client.productCollections.groups.items.delete(first.products[0]!.id, {
      id: created.id,
      group_id: first.group_id,
    });
    const res = await server().request(
      'DELETE',
      `/product-collections/${created.id}/groups/${second.group_id}/items/${second.products[0]!.id}`,
    );
    assert.equal(res.status, 422);
    assert.equal(res.json.code, 'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS');
    assert.deepEqual(await itemIds(client, created.id), [[], [second.products[0]!.id]]);
  });
});
