import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemIds, newCollection, newProducts, UNKNOWN_UUID } from './support/collections.ts';
import { useServer } from './support/server.ts';

const server = useServer();

describe('collection groups', () => {
  test('a new group goes after the others with its products in order, status defaulting to true', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const [a, b] = await newProducts(client, 2);
    const group = await client.productCollections.groups.create(created.id, {
      group_name: 'Yearly',
      products: [{ product_id: b! }, { product_id: a!, status: false }],
    });
    assert.equal(group.group_name, 'Yearly');
    assert.equal(group.status, true);
    assert.deepEqual(
      group.products.map((p) => [p.product_id, p.status]),
      [
        [b, true],
        [a, false],
      ],
    );
    const after = await client.productCollections.retrieve(created.id);
    assert.deepEqual(
      after.groups.map((g) => g.group_id),
      [created.groups[0]!.group_id, group.group_id],
    );
    assert.deepEqual(after.groups[1], group, 'the answer is the group as stored');
    assert.equal((await client.products.retrieve(a!)).product_collection_id, created.id);
  });

  test('an empty group can join a collection that has products', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const group = await client.productCollections.groups.create(created.id, { products: [], status: false });
    assert.deepEqual(group, { group_id: group.group_id, group_name: null, status: false, products: [] });
  });

  test('named groups are unique in a collection, "" included; unnamed groups may repeat', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    await client.productCollections.groups.create(created.id, { products: [] });
    await client.productCollections.groups.create(created.id, { products: [], group_name: null });
    const empty = await client.productCollections.groups.create(created.id, { products: [], group_name: '' });

    for (const group_name of ['Group 0', '']) {
      const res = await server().request('POST', `/product-collections/${created.id}/groups`, {
        body: { group_name, products: [] },
      });
      assert.equal(res.status, 422, group_name);
      assert.equal(res.json.code, 'DUPLICATE_GROUP_NAME');
      assert.match(res.json.message, new RegExp(`"${group_name}"`), 'the refusal names the group');
    }
    const rename = await server().request('PATCH', `/product-collections/${created.id}/groups/${empty.group_id}`, {
      body: { group_name: 'Group 0' },
    });
    assert.equal(rename.status, 422);
    assert.equal(rename.json.code, 'DUPLICATE_GROUP_NAME');
    assert.match(rename.json.message, /"Group 0"/);

    const twice = await server().request('POST', '/product-collections', {
      body: {
        name: 'X',
        groups: [
          { group_name: 'Same', products: [] },
          { group_name: 'Same', products: [{ product_id: (await newProducts(client, 1))[0] }] },
        ],
      },
    });
    assert.equal(twice.status, 422);
    assert.equal(twice.json.code, 'DUPLICATE_GROUP_NAME');
    assert.match(twice.json.message, /"Same"/);
    assert.equal((await client.productCollections.retrieve(created.id)).groups.length, 4);
  });

  test('PATCH sets, clears and keeps the group name and sets the status, answering 200 with no body', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const groupId = created.groups[0]!.group_id;
    const path = `/product-collections/${created.id}/groups/${groupId}`;
    const group = async () => (await client.productCollections.retrieve(created.id)).groups[0]!;

    const res = await server().request('PATCH', path, { body: { group_name: 'Monthly', status: false } });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('content-length'), '0');
    assert.deepEqual([(await group()).group_name, (await group()).status], ['Monthly', false]);

    await client.productCollections.groups.update(groupId, { id: created.id, status: null });
    assert.deepEqual([(await group()).group_name, (await group()).status], ['Monthly', false], 'absent or null keeps');
    await client.productCollections.groups.update(groupId, { id: created.id, group_name: null, status: true });
    assert.deepEqual([(await group()).group_name, (await group()).status], [null, true], 'null clears the name');
    await client.productCollections.groups.update(groupId, { id: created.id, group_name: 'Group 0' });
    assert.equal((await group()).group_name, 'Group 0', 'a group may keep its own name');
  });

  test('product_order reorders the items; anything but every item id once is 422 and changes nothing', async () => {
    const client = server().client();
    const created = await newCollection(client, [3, 1]);
    const groupId = created.groups[0]!.group_id;
    const [a, b, c] = created.groups[0]!.products.map((p) => p.id) as [string, string, string];
    const otherGroupItem = created.groups[1]!.products[0]!.id;

    await client.productCollections.groups.update(groupId, { id: created.id, product_order: [c, a, b] });
    assert.deepEqual((await itemIds(client, created.id))[0], [c, a, b]);

    for (const product_order of [[c, a], [c, a, b, a], [c, a, b, otherGroupItem], [c, a, otherGroupItem], []]) {
      const res = await server().request('PATCH', `/product-collections/${created.id}/groups/${groupId}`, {
        body: { product_order, group_name: 'Should not stick' },
      });
      assert.equal(res.status, 422, JSON.stringify(product_order));
      assert.equal(res.json.code, 'INVALID_REQUEST_BODY');
    }
    const malformed = await server().request('PATCH', `/product-collections/${created.id}/groups/${groupId}`, {
      body: { product_order: [c, a, 'not-a-uuid'] },
    });
    assert.equal(malformed.status, 422);
    assert.match(malformed.json.message, /product_order\/2/);

    const after = await client.productCollections.retrieve(created.id);
    assert.deepEqual(
      after.groups[0]!.products.map((p) => p.id),
      [c, a, b],
      'a refused order moves nothing',
    );
    assert.equal(after.groups[0]!.group_name, 'Group 0', 'and writes nothing else');
  });

  test("a group is found only in its own collection: unknown or another collection's group is 404", async () => {
    const client = server().client();
    const mine = await newCollection(client, [1, 1]);
    const other = await newCollection(client, [1]);
    const foreignGroup = other.groups[0]!.group_id;
    for (const [collectionId, groupId] of [
      [mine.id, UNKNOWN_UUID],
      [mine.id, foreignGroup],
      ['pdc_000000000000000000000', mine.groups[0]!.group_id],
    ]) {
      const base = `/product-collections/${collectionId}/groups/${groupId}`;
      for (const [method, path, body] of [
        ['PATCH', base, { status: false }],
        ['DELETE', base, undefined],
        ['POST', `${base}/items`, { products: [] }],
      ] as const) {
        const res = await server().request(method, path, { body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.json.code, 'NOT_FOUND');
      }
    }
    assert.equal((await client.productCollections.retrieve(other.id)).groups[0]!.status, true);
  });

  test('a malformed group id is 422 INVALID_REQUEST_PARAMETERS, never a server error', async () => {
    const { id } = await newCollection(server().client(), [1]);
    for (const groupId of [
      'not-a-uuid',
      '1234',
      "x'; drop table products; --",
      '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26',
    ]) {
      const base = `/product-collections/${id}/groups/${encodeURIComponent(groupId)}`;
      for (const [method, path, body] of [
        ['PATCH', base, { status: false }],
        ['DELETE', base, undefined],
        ['POST', `${base}/items`, { products: [] }],
      ] as const) {
        const res = await server().request(method, path, { body });
        assert.equal(res.status, 422, `${method} ${path}`);
        assert.equal(res.json.code, 'INVALID_REQUEST_PARAMETERS');
      }
    }
  });

  test('deleting a group takes its products out of the collection and closes the gap (204)', async () => {
    const client = server().client();
    const created = await newCollection(client, [1, 2, 1]);
    const [first, middle, last] = created.groups as [
      (typeof created.groups)[0],
      (typeof created.groups)[0],
      (typeof created.groups)[0],
    ];
    const res = await server().request('DELETE', `/product-collections/${created.id}/groups/${middle.group_id}`);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const after = await client.productCollections.retrieve(created.id);
    assert.deepEqual(
      after.groups.map((g) => g.group_id),
      [first.group_id, last.group_id],
    );
    for (const item of middle.products) {
      assert.equal((await client.products.retrieve(item.product_id)).product_collection_id, null);
    }
    const added = await client.productCollections.groups.create(created.id, { products: [] });
    await client.productCollections.update(created.id, {
      group_order: [added.group_id, last.group_id, first.group_id],
    });
    assert.deepEqual(
      (await client.productCollections.retrieve(created.id)).groups.map((g) => g.group_id),
      [added.group_id, last.group_id, first.group_id],
      'positions stay dense after a delete',
    );
  });

  test('the group holding every product cannot be deleted; an empty group can', async () => {
    const client = server().client();
    const created = await newCollection(client, [2]);
    const empty = await client.productCollections.groups.create(created.id, { products: [] });
    const res = await server().request(
      'DELETE',
      `/product-collections/${created.id}/groups/${created.groups[0]!.group_id}`,
    );
    assert.equal(res.status, 422);
    assert.equal(res.json.code, 'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS');
    assert.equal((await client.productCollections.retrieve(created.id)).groups[0]!.products.length, 2);
    await client.productCollections.groups.delete(empty.group_id, { id: created.id });
    assert.equal((await client.productCollections.retrieve(created.id)).groups.length, 1);
  });
});
