import type { Context } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { closeGaps } from '../../lib/ordering.ts';
import type { GroupProduct, ProductCollectionProduct } from './groups-schema.ts';
import * as items from './items-store.ts';
import { newItems, pricesOf, requireJoinable } from './members.ts';
import { listItemsById } from './members-store.ts';
import { mustHaveProducts } from './rules.ts';
import { changeCollection, changesOnlyCollection, requireGroup } from './service.ts';
import { toItem } from './view.ts';

interface ItemAddress {
  collectionId: string;
  groupId: string;
  itemId: string;
}

/** Appends products to the group, in the request's order, and answers with just the new items. */
export async function addItems(
  ctx: Context,
  collectionId: string,
  groupId: string,
  products: readonly GroupProduct[],
): Promise<ProductCollectionProduct[]> {
  return changeCollection(ctx, collectionId, async (trx, collection) => {
    await requireGroup(trx, ctx, collectionId, groupId);
    await requireJoinable(
      trx,
      ctx.scope,
      collection.brand_id,
      products.map((product) => product.product_id),
    );
    const members = await items.listItems(trx, ctx.scope, { collectionId, groupId });
    const added = newItems(ctx.scope, { collectionId, groupId, existing: members.length }, products);
    await items.insertItems(trx, added);
    const views = await listItemsById(
      trx,
      ctx.scope,
      added.map((item) => item.id),
    );
    const prices = await pricesOf(trx, ctx.scope, views);
    return views.map((item) => toItem(item, prices.get(item.product_id)!));
  });
}

/** An item is found only under its own group and collection; anywhere else it is 404. */
async function requireItem(db: Executor, ctx: Context, address: ItemAddress): Promise<items.ItemRow> {
  await requireGroup(db, ctx, address.collectionId, address.groupId);
  const item = await items.findItem(db, ctx.scope, address);
  if (!item) throw notFound('product collection item', address.itemId);
  return item;
}

export async function updateItem(ctx: Context, address: ItemAddress, status: boolean): Promise<void> {
  // Not through changeCollection: on PostgreSQL its lock and this write are one statement (touchAndSetItemStatus).
  await ctx.database.transaction(async (trx) => {
    changesOnlyCollection(trx, address.collectionId);
    const found = await items.touchAndSetItemStatus(trx, ctx.scope, address, status, now());
    if (!found.collection) throw notFound('product collection', address.collectionId);
    if (found.item) return;
    // Nothing changed but the collection's touch, which the error rolls back: the lookup says which of the group
    // and the item is missing.
    await requireItem(trx, ctx, address);
    throw notFound('product collection item', address.itemId);
  });
}

/** Removing an item takes the product out of the collection; the collection's last product stays. */
export async function deleteItem(ctx: Context, address: ItemAddress): Promise<void> {
  await changeCollection(ctx, address.collectionId, async (trx) => {
    await requireItem(trx, ctx, address);
    if ((await items.countItems(trx, ctx.scope, address.collectionId)) === 1) throw mustHaveProducts();
    await items.deleteItems(trx, ctx.scope, [address.itemId]);
    const remaining = await items.listItems(trx, ctx.scope, {
      collectionId: address.collectionId,
      groupId: address.groupId,
    });
    await items.placeItems(trx, ctx.scope, closeGaps(remaining));
  });
}
