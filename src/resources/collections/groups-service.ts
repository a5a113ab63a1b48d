import type { Context } from '../../context.ts';
import { newUuid } from '../../lib/ids.ts';
import { closeGaps, displayOrder, placementsFor } from '../../lib/ordering.ts';
import type {
  PatchProductCollectionGroupRequest,
  ProductCollectionGroup,
  ProductCollectionGroupResponse,
} from './groups-schema.ts';
import * as groups from './groups-store.ts';
import * as items from './items-store.ts';
import { newItems, pricesOf, requireJoinable } from './members.ts';
import { listItemsById } from './members-store.ts';
import { duplicateGroupName, mustHaveProducts, requireDistinctGroupNames, requireExactOrder } from './rules.ts';
import { changeCollection, changesOnlyCollection, requireGroup } from './service.ts';
import { toGroup } from './view.ts';

/** A new group goes after the others; it may start empty once the collection has products (Q9). */
export async function addGroup(
  ctx: Context,
  collectionId: string,
  req: ProductCollectionGroup,
): Promise<ProductCollectionGroupResponse> {
  return changeCollection(ctx, collectionId, async (trx, collection) => {
    const siblings = await groups.listGroups(trx, ctx.scope, collectionId);
    requireDistinctGroupNames([...siblings.map((group) => group.name), req.group_name]);
    await requireJoinable(
      trx,
      ctx.scope,
      collection.brand_id,
      req.products.map((product) => product.product_id),
    );
    const group = {
      id: newUuid(),
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      collection_id: collectionId,
      name: req.group_name ?? null,
      status: req.status ?? true,
      position: siblings.length,
    };
    await groups.insertGroups(trx, [group]);
    const added = newItems(ctx.scope, { collectionId, groupId: group.id, existing: 0 }, req.products);
    await items.insertItems(trx, added);
    const views = await listItemsById(
      trx,
      ctx.scope,
      added.map((item) => item.id),
    );
    return toGroup(group, views, await pricesOf(trx, ctx.scope, views));
  });
}

/** `group_name` null clears the name; `product_order` must list every item of the group exactly once. */
export async function updateGroup(
  ctx: Context,
  collectionId: string,
  groupId: string,
  patch: PatchProductCollectionGroupRequest,
): Promise<void> {
  await changeCollection(ctx, collectionId, async (trx) => {
    changesOnlyCollection(trx, collectionId);
    const group = await requireGroup(trx, ctx, collectionId, groupId);
    const changes: groups.GroupChanges = {};
    if (patch.group_name !== undefined && patch.group_name !== group.name) {
      const siblings = await groups.listGroups(trx, ctx.scope, collectionId);
      if (patch.group_name !== null && siblings.some((sibling) => sibling.name === patch.group_name)) {
        throw duplicateGroupName(patch.group_name);
      }
      changes.name = patch.group_name;
    }
    if (patch.status != null) changes.status = patch.status;
    if (patch.product_order != null) {
      const members = await items.listItems(trx, ctx.scope, { collectionId, groupId });
      requireExactOrder('product_order', displayOrder(members), patch.product_order);
      await items.placeItems(trx, ctx.scope, placementsFor(members, patch.product_order));
    }
    if (Object.keys(changes).length > 0) await groups.updateGroup(trx, ctx.scope, groupId, changes);
  });
}

/** Deleting a group removes its items; it may not take the collection's last products with it. */
export async function deleteGroup(ctx: Context, collectionId: string, groupId: string): Promise<void> {
  await changeCollection(ctx, collectionId, async (trx) => {
    await requireGroup(trx, ctx, collectionId, groupId);
    const members = await items.listItems(trx, ctx.scope, { collectionId, groupId });
    const total = await items.countItems(trx, ctx.scope, collectionId);
    if (members.length > 0 && members.length === total) throw mustHaveProducts();
    await items.deleteItems(
      trx,
      ctx.scope,
      members.map((item) => item.id),
    );
    await groups.deleteGroup(trx, ctx.scope, groupId);
    const remaining = await groups.listGroups(trx, ctx.scope, collectionId);
    await groups.placeGroups(trx, ctx.scope, closeGaps(remaining));
  });
}
