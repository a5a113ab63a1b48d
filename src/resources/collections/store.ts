import type { Selectable, Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import type { Mode, ProductCollectionsTable } from '../../db/schema.ts';
import { selectRows } from '../../db/sqlite-reader.ts';
import type { Page } from '../../lib/pagination.ts';

export type CollectionRow = Selectable<ProductCollectionsTable>;
export type NewCollectionRow = Omit<CollectionRow, 'seq'>;
export type CollectionChanges = Omit<
  Updateable<ProductCollectionsTable>,
  'id' | 'business_id' | 'mode' | 'seq' | 'created_at'
>;
export type CollectionListRow = CollectionRow & { products_count: number | string | null };

export interface CollectionFilter {
  archived: boolean;
  brandId?: string;
}

const scoped = (db: Executor, scope: Scope) =>
  db
    .selectFrom('product_collections')
    .where('product_collections.business_id', '=', scope.businessId)
    .where('product_collections.mode', '=', scope.mode);

export async function insertCollection(db: Executor, row: NewCollectionRow): Promise<void> {
  await db.insertInto('product_collections').values(row).execute();
}

export async function findCollection(db: Executor, scope: Scope, id: string): Promise<CollectionRow | undefined> {
  const [row] = await selectRows(db, scoped(db, scope).selectAll().where('id', '=', id));
  return row;
}

type CollectionKey = { businessId: string; mode: string; id: string };

// Every change to a collection's tree starts with this statement: compiled once, not built each time.
const lockAndTouch = prepared<CollectionKey & { at: string }, CollectionRow>((db, slots) =>
  db
    .updateTable('product_collections')
    .set({ updated_at: slots.text('at') })
    .where('business_id', '=', slots.text('businessId'))
    .where('mode', '=', slots.text('mode') as Mode)
    .where('id', '=', slots.text('id'))
    .returningAll(),
);

/**
 * Moves the collection's `updated_at` to `at` and returns its row, held until `tx` ends: every change to a
 * collection or its groups and items starts here, so such changes run one at a time per collection. One statement
 * for the lock and the touch (PostgreSQL's UPDATE holds the row as `FOR NO KEY UPDATE` did; SQLite's transaction
 * holds the write lock anyway): on PostgreSQL each statement is a round trip. A change that fails rolls it back.
 */
export async function lockAndTouchCollection(
  tx: Tx,
  scope: Scope,
  id: string,
  at: string,
): Promise<CollectionRow | undefined> {
  const [row] = await lockAndTouch(tx, { businessId: scope.businessId, mode: scope.mode, id, at });
  return row;
}

/** Newest first, by insertion order; `products_count` counts every item of every group. */
export async function listCollections(
  db: Executor,
  scope: Scope,
  filter: CollectionFilter,
  page: Page,
): Promise<CollectionListRow[]> {
  let query = scoped(db, scope)
    .selectAll('product_collections')
    .select((eb) =>
      eb
        .selectFrom('product_collection_items as item')
        .select((inner) => inner.fn.countAll<number | string>().as('n'))
        .whereRef('item.collection_id', '=', 'product_collections.id')
        .as('products_count'),
    )
    .where('archived', '=', filter.archived ? 1 : 0);
  if (filter.brandId !== undefined) query = query.where('brand_id', '=', filter.brandId);
  return query.orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function updateCollection(
  db: Executor,
  scope: Scope,
  id: string,
  changes: CollectionChanges,
): Promise<void> {
  await db
    .updateTable('product_collections')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
