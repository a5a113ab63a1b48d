import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { itemIds, newCollection, newProducts } from './support/collections.ts';
import { useServer } from './support/server.ts';

const server = useServer();

/** A random order of `ids` (Fisher–Yates). */
function shuffled<T>(ids: readonly T[]): T[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The HTTP status of each settled request: 200 when the SDK resolved, the error's status otherwise. */
function statuses(results: PromiseSettledResult<unknown>[]): number[] {
  return results.map((r) => (r.status === 'fulfilled' ? 200 : ((r.reason as { status?: number }).status ?? 0)));
}

describe('collections under concurrent writers', () => {
  test('24 concurrent reorders of one group keep every item once, in one of the requested orders', async () => {
    const client = server().client();
    const created = await newCollection(client, [6]);
    const group = created.groups[0]!;
    const items = group.products.map((p) => p.id);
    for (let round = 0; round < 5; round++) {
      const orders = Array.from({ length: 24 }, () => shuffled(items));
      const results = await Promise.allSettled(
        orders.map((product_order) =>
          client.productCollections.groups.update(group.group_id, { id: created.id, product_order }),
        ),
      );
      assert.deepEqual(statuses(results), Array(24).fill(200), 'every reorder succeeds');
      const [final] = await itemIds(client, created.id);
      assert.deepEqual([...final!].sort(), [...items].sort(), 'no item lost or duplicated');
      assert.ok(
        orders.some((order) => order.join() === final!.join()),
        `the final order ${final} is one that was asked for`,
      );
    }
  });

  test('concurrent adds to one group all land, each at its own position', async () => {
    const client = server().client();
    const created = await newCollection(client, [1]);
    const group = created.groups[0]!;
    const products = await newProducts(client, 12);
    const results = await Promise.allSettled(
      products.map((product_id) =>
        client.productCollections.groups.items.create(group.group_id, { id: created.id, products: [{ product_id }] }),
      ),
    );
    assert.deepEqual(statuses(results), Array(12).fill(200));
    const [final] = await itemIds(client, created.id);
    assert.equal(final!.length, 13);
    const reversed = [...final!].reverse();
    await client.productCollections.groups.update(group.group_id, { id: created.id, product_order: reversed });
    assert.deepEqual((await itemIds(client, created.id))[0], reversed, 'positions are dense and unique');
  });

  test('one product added to ten collections at once joins exactly one of them', async () => {
    const client = server().client();
    const collections = [];
    for (let i = 0; i < 10; i++) collections.push(await newCollection(client, [1]));
    const [product] = await newProducts(client, 1);
    const results = await Promise.allSettled(
      collections.map((c) =>
        client.productCollections.groups.items.create(c.groups[0]!.group_id, {
          id: c.id,
          products: [{ product_id: product! }],
        }),
      ),
    );
    const codes = statuses(results);
    assert.equal(codes.filter((s) => s === 200).length, 1, `one add wins: ${codes}`);
    assert.equal(codes.filter((s) => s === 422).length, 9, `the others are 422: ${codes}`);
    const winner = collections[codes.indexOf(200)]!;
    assert.equal((await client.products.retrieve(product!)).product_collection_id, winner.id);
  });

  test('deleting every item at once leaves the collection its last product', async () => {
    const client = server().client();
    const created = await newCollection(client, [4, 4]);
    const results = await Promise.allSettled(
      created.groups.flatMap((group) =>
        group.products.map((item) =>
          client.productCollections.groups.items.delete(item.id, { id: created.id, group_id: group.group_id }),
        ),
      ),
    );
    const codes = statuses(results);
    assert.equal(codes.filter((s) => s === 200).length, 7, `${codes}`);
    assert.equal(codes.filter((s) => s === 422).length, 1, `${codes}`);
    assert.equal((await itemIds(client, created.id)).flat().length, 1);
  });
});
