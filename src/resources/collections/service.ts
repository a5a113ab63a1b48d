import type { Context } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { ApiError, invalid, notFound } from '../../errors.ts';
import type { Keepable } from '../../http/page-cache.ts';
import { now } from '../../lib/clock.ts';
import { newId, newUuid } from '../../lib/ids.ts';
import { closeGaps, displayOrder, placementsFor } from '../../lib/ordering.ts';
import { toPage } from '../../lib/pagination.ts';
import * as brands from '../brands/api.ts';
import { requireUploadedImage } from '../media/service.ts';
import * as products from '../products/api.ts';
import { findGroup, type GroupRow, insertGroups, listGroups, placeGroups } from './groups-store.ts';
import { deleteItems, insertItems, listItems, placeItems } from './items-store.ts';
import { newItems, pricesOf, requireJoinable } from './members.ts';
import { itemsOfArchivedProducts, listCollectionItems, productsOfOtherBrands } from './members-store.ts';
import { mustHaveProducts, requireDistinctGroupNames, requireExactOrder } from './rules.ts';
import {
  type CreateProductCollectionRequest,
  type ListProductCollectionsQuery,
  type PatchProductCollectionRequest,
  POLICY_FIELDS,
  type Policies,
  type ProductCollection,
  type ProductCollectionListItem,
  type UndeleteCollectionResponse,
} from './schema.ts';
import * as store from './store.ts';
import { toCollection, toListItem } from './view.ts';

/** What a kept page of one collection depends on, besides the products it shows. */
const pageKey = (id: string) => `collection ${id}`;
/**
 * What every kept page of collections depends on, besides the collections it shows: which collections a list holds
 * changes only when one is created, archived, unarchived or moved to another brand.
 */
const LISTS = 'collection lists';

/**
 * Says that `trx` changes only what the collection's pages show of it: its own fields, its groups, its items'
 * status and order. Not for a change of which products it holds: a product's page shows its collection too.
 */
export function changesOnlyCollection(trx: Tx, id: string): void {
  trx.changed(pageKey(id));
}

/**
 * Runs `fn` in one transaction that first locks the collection (404 when there is none) and moves its
 * `updated_at`. Every change to a collection or its tree goes through here, so changes to one collection run one
 * at a time and the positions `fn` reads stay true until its writes land.
 */
export async function changeCollection<T>(
  ctx: Context,
  id: string,
  fn: (trx: Tx, collection: store.CollectionRow) => Promise<T>,
): Promise<T> {
  return ctx.database.transaction(async (trx) => {
    const collection = await store.lockAndTouchCollection(trx, ctx.scope, id, now());
    if (!collection) throw notFound('product collection', id);
    return fn(trx, collection);
  });
}

/** The group, only when it belongs to that collection. */
export async function requireGroup(
  db: Executor,
  ctx: Context,
  collectionId: string,
  groupId: string,
): Promise<GroupRow> {
  const group = await findGroup(db, ctx.scope, collectionId, groupId);
  if (!group) throw notFound('product collection group', groupId);
  return group;
}

function filterOf(query: ListProductCollectionsQuery): store.CollectionFilter {
  return { archived: query.archived ?? false, brandId: query.brand_id };
}

/** A page of collections, read whole: for a store whose pages are not kept (ListPage). */
export async function listCollections(
  ctx: Context,
  query: ListProductCollectionsQuery,
): Promise<ProductCollectionListItem[]> {
  const rows = await store.listCollections(ctx.database.db, ctx.scope, filterOf(query), toPage(query));
  return rows.map((row) => toListItem(row, ctx.urls));
}

/** Which collections a page of the list shows, newest first: that changes only with what LISTS covers. */
export async function listCollectionIds(ctx: Context, query: ListProductCollectionsQuery): Promise<Keepable<string[]>> {
  const ids = await store.listCollectionIds(ctx.database.db, ctx.scope, filterOf(query), toPage(query));
  return { body: ids, keep: true, dependsOn: [LISTS] };
}

/**
 * These collections as the query's list shows them, by id, those it no longer admits left out; always kept: every
 * URL in a collection is an image's, which is not signed.
 */
export async function listedCollections(
  ctx: Context,
  query: ListProductCollectionsQuery,
  ids: readonly string[],
): Promise<Map<string, Keepable<ProductCollectionListItem>>> {
  const rows = await store.findListedCollections(ctx.database.db, ctx.scope, filterOf(query), ids);
  return new Map(
    rows.map((row) => [row.id, { body: toListItem(row, ctx.urls), keep: true, dependsOn: [pageKey(row.id)] }]),
  );
}

/**
 * The whole tree in a fixed number of queries whatever its size: the collection, its groups, its items joined
 * with their products, and the meters of those products' prices.
 */
async function readCollection(ctx: Context, db: Executor, id: string): Promise<ProductCollection> {
  const row = await store.findCollection(db, ctx.scope, id);
  if (!row) throw notFound('product collection', id);
  const groups = await listGroups(db, ctx.scope, id);
  const items = await listCollectionItems(db, ctx.scope, id);
  return toCollection(row, groups, items, await pricesOf(db, ctx.scope, items), ctx.urls);
}

/** The collection; always kept, as a page of them is. */
export async function getCollection(ctx: Context, id: string): Promise<Keepable<ProductCollection>> {
  const body = await readCollection(ctx, ctx.database.db, id);
  // An item shows its product as it is now.
  const shown = body.groups.flatMap((group) => group.products.map((item) => products.pageKey(item.product_id)));
  return { body, keep: true, dependsOn: [pageKey(id), ...shown] };
}

/** Groups and items keep the order of the request; a collection starts with at least one product (Q9). */
export async function createCollection(ctx: Context, req: CreateProductCollectionRequest): Promise<ProductCollection> {
  const { scope } = ctx;
  requireDistinctGroupNames(req.groups.map((group) => group.group_name));
  const productIds = req.groups.flatMap((group) => group.products.map((product) => product.product_id));
  if (productIds.length === 0) throw mustHaveProducts();
  const id = newId('collection');
  const at = now();
  const brandId = req.brand_id ?? scope.businessId;
  return ctx.database.transaction(async (trx) => {
    await brands.lockUsable(trx, scope, brandId);
    await requireJoinable(trx, scope, brandId, productIds);
    await store.insertCollection(trx, {
      id,
      business_id: scope.businessId,
      mode: scope.mode,
      brand_id: brandId,
      name: req.name,
      description: req.description ?? null,
      image_id: null,
      effective_at_on_upgrade: req.effective_at_on_upgrade ?? null,
      effective_at_on_downgrade: req.effective_at_on_downgrade ?? null,
      on_payment_failure: req.on_payment_failure ?? null,
      proration_billing_mode_on_upgrade: req.proration_billing_mode_on_upgrade ?? null,
      proration_billing_mode_on_downgrade: req.proration_billing_mode_on_downgrade ?? null,
      archived: false,
      created_at: at,
      updated_at: at,
    });
    const groups = req.groups.map((group, position) => ({
      id: newUuid(),
      business_id: scope.businessId,
      mode: scope.mode,
      collection_id: id,
      name: group.group_name ?? null,
      status: group.status ?? true,
      position,
    }));
    await insertGroups(trx, groups);
    await insertItems(
      trx,
      req.groups.flatMap((group, i) =>
        newItems(scope, { collectionId: id, groupId: groups[i]!.id, existing: 0 }, group.products),
      ),
    );
    return readCollection(ctx, trx, id);
  });
}

/**
 * Applies a PATCH. For name, brand_id and group_order null changes nothing; for description, image_id and
 * the five policies null clears (the spec's double-option fields, Q1).
 */
/** Copies a policy the request gives; absent ones stay as stored. */
function keepGiven<K extends keyof Policies>(from: Partial<Policies>, to: Partial<Policies>, field: K): void {
  const value = from[field];
  if (value !== undefined) to[field] = value;
}

export async function updateCollection(ctx: Context, id: string, patch: PatchProductCollectionRequest): Promise<void> {
  if (patch.image_id != null) {
    // An unknown collection is 404 whatever its body names: it is looked up before the upload is.
    await getCollection(ctx, id);
    await requireUploadedImage(ctx, patch.image_id);
  }
  await changeCollection(ctx, id, async (trx, collection) => {
    changesOnlyCollection(trx, id);
    const changes: store.CollectionChanges = {};
    if (patch.name != null) changes.name = patch.name;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.image_id !== undefined) changes.image_id = patch.image_id;
    for (const field of POLICY_FIELDS) keepGiven(patch, changes, field);
    if (patch.brand_id != null && patch.brand_id !== collection.brand_id) {
      await brands.lockUsable(trx, ctx.scope, patch.brand_id);
      const others = await productsOfOtherBrands(trx, ctx.scope, id, patch.brand_id);
      if (others.length > 0) {
        throw invalid('BRAND_MISMATCH', `product ${others.join(', ')} is not of brand ${patch.brand_id}`);
      }
      changes.brand_id = patch.brand_id;
      trx.changed(LISTS);
    }
    if (patch.group_order != null) {
      const groups = await listGroups(trx, ctx.scope, id);
      requireExactOrder('group_order', displayOrder(groups), patch.group_order);
      await placeGroups(trx, ctx.scope, placementsFor(groups, patch.group_order));
    }
    if (Object.keys(changes).length > 0) await store.updateCollection(trx, ctx.scope, id, changes);
  });
}

/** DELETE archives; a second DELETE is 410, as in the spec. Groups and items are kept. */
export async function archiveCollection(ctx: Context, id: string): Promise<void> {
  await changeCollection(ctx, id, async (trx, collection) => {
    if (collection.archived) {
      throw new ApiError('PRODUCT_COLLECTION_IS_DELETED', `product collection ${id} is already archived`);
    }
    await store.updateCollection(trx, ctx.scope, id, { archived: true });
  });
}

/**
 * Unarchiving drops the items of products archived meanwhile and reports them (Q4); groups left empty stay.
 * A collection that is not archived is left as it is (Q3).
 */
export async function unarchiveCollection(ctx: Context, id: string): Promise<UndeleteCollectionResponse> {
  const excluded = await changeCollection(ctx, id, async (trx, collection) => {
    if (!collection.archived) return [];
    const dropped = await itemsOfArchivedProducts(trx, ctx.scope, id);
    await deleteItems(
      trx,
      ctx.scope,
      dropped.map((item) => item.id),
    );
    for (const groupId of new Set(dropped.map((item) => item.group_id))) {
      const remaining = await listItems(trx, ctx.scope, { collectionId: id, groupId });
      await placeItems(trx, ctx.scope, closeGaps(remaining));
    }
    await store.updateCollection(trx, ctx.scope, id, { archived: false });
    return dropped.map((item) => item.product_id);
  });
  return {
    message: 'Product collection unarchived successfully',
    collection_id: id,
    excluded_product_ids: excluded,
  };
}
