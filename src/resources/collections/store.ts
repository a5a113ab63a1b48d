import type { QueryCreator, Selectable, SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { padToPowerOfTwo, prepared, type Slots, scopeSlots } from '../../db/prepared.ts';
import type { DB, Mode, ProductCollectionsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import type { Policies } from './schema.ts';

type Stored = Selectable<ProductCollectionsTable>;

/** A collection as the rest of Pricebook sees it: archived a boolean, the plan-change policies typed. */
export type CollectionRow = Omit<Stored, 'archived' | keyof Policies> & Policies & { archived: boolean };
export type NewCollectionRow = Omit<CollectionRow, 'seq'>;
export type CollectionChanges = Partial<Omit<CollectionRow, 'id' | 'business_id' | 'mode' | 'seq' | 'created_at'>>;
export type CollectionListRow = CollectionRow & { products_count: number };

function fromStored(row: Stored): CollectionRow {
  return {
    ...row,
    archived: flag(row.archived),
    effective_at_on_upgrade: row.effective_at_on_upgrade as Policies['effective_at_on_upgrade'],
    effective_at_on_downgrade: row.effective_at_on_downgrade as Policies['effective_at_on_downgrade'],
    on_payment_failure: row.on_payment_failure as Policies['on_payment_failure'],
    proration_billing_mode_on_upgrade:
      row.proration_billing_mode_on_upgrade as Policies['proration_billing_mode_on_upgrade'],
    proration_billing_mode_on_downgrade:
      row.proration_billing_mode_on_downgrade as Policies['proration_billing_mode_on_downgrade'],
  };
}

function toStored(changes: CollectionChanges) {
  return { ...changes, archived: changes.archived === undefined ? undefined : storedFlag(changes.archived) };
}

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
  await db
    .insertInto('product_collections')
    .values({ ...row, archived: storedFlag(row.archived) })
    .execute();
}

export async function findCollection(db: Executor, scope: Scope, id: string): Promise<CollectionRow | undefined> {
  const [row] = await collectionById(db, { businessId: scope.businessId, mode: scope.mode, id });
  return row && fromStored(row);
}

type CollectionKey = { businessId: string; mode: string; id: string };

// A collection's GET reads it, its groups and its items: each compiled once (bench/RESULTS.md).
const collectionById = prepared<CollectionKey, Stored>((db, slots) =>
  scoped(db, scopeSlots(slots)).selectAll().where('id', '=', slots.text('id')),
);

/** The UPDATE that moves a collection's `updated_at`, by which every change to its tree locks it first. */
export const touchCollection = (
  db: QueryCreator<DB>,
  key: { businessId: string; mode: Mode; id: string },
  at: string,
) =>
  db
    .updateTable('product_collections')
    .set({ updated_at: at })
    .where('business_id', '=', key.businessId)
    .where('mode', '=', key.mode)
    .where('id', '=', key.id);

// Every change to a collection's tree starts with this statement: compiled once, not built each time.
const lockAndTouch = prepared<CollectionKey & { at: string }, Stored>((db, slots) =>
  touchCollection(db, { ...scopeSlots(slots), id: slots.text('id') }, slots.text('at')).returningAll(),
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
  return row && fromStored(row);
}

type PageArgs = { businessId: string; mode: string; archived: number; brandId: string; limit: number; offset: number };
type ListedStored = Stored & { products_count: number | string | null };

const withCount = (query: SelectQueryBuilder<DB, 'product_collections', object>) =>
  query.selectAll('product_collections').select((eb) =>
    eb
      .selectFrom('product_collection_items as item')
      .select((inner) => inner.fn.countAll<number | string>().as('n'))
      .whereRef('item.collection_id', '=', 'product_collections.id')
      .as('products_count'),
  );

/** The queries of a page, with the brand filter and without: built anew, Kysely cost more than SQLite's answer. */
function pageQueries(brand: boolean) {
  const paged = (db: Executor, slots: Slots<PageArgs>) => {
    const query = scoped(db, scopeSlots(slots)).where('archived', '=', slots.int('archived'));
    return (brand ? query.where('brand_id', '=', slots.text('brandId')) : query)
      .orderBy('seq', 'desc')
      .limit(slots.int('limit'))
      .offset(slots.int('offset'));
  };
  return {
    ids: prepared<PageArgs, { id: string }>((db, slots) => paged(db, slots).select('id')),
    items: prepared<PageArgs, ListedStored>((db, slots) => withCount(paged(db, slots))),
  };
}

const PAGE_QUERIES = [pageQueries(false), pageQueries(true)] as const;

function pageQuery(scope: Scope, filter: CollectionFilter, page: Page) {
  const queries = PAGE_QUERIES[filter.brandId === undefined ? 0 : 1];
  const args = {
    businessId: scope.businessId,
    mode: scope.mode,
    archived: storedFlag(filter.archived),
    brandId: filter.brandId ?? '',
    ...page,
  };
  return { queries, args };
}

// COUNT arrives from PostgreSQL as a string.
const fromListed = (row: ListedStored): CollectionListRow => ({
  ...fromStored(row),
  products_count: Number(row.products_count ?? 0),
});

/** A page of collections, newest first, by insertion order; `products_count` counts every item of every group. */
export async function listCollections(
  db: Executor,
  scope: Scope,
  filter: CollectionFilter,
  page: Page,
): Promise<CollectionListRow[]> {
  const { queries, args } = pageQuery(scope, filter, page);
  return (await queries.items(db, args)).map(fromListed);
}

/** The ids of a page of collections, newest first. */
export async function listCollectionIds(
  db: Executor,
  scope: Scope,
  filter: CollectionFilter,
  page: Page,
): Promise<string[]> {
  const { queries, args } = pageQuery(scope, filter, page);
  return (await queries.ids(db, args)).map((row) => row.id);
}

// By id alone: with the filter's columns in the WHERE clause too, SQLite reads them through the list index again,
// every collection of the business (sqlite-plans.test.ts). The filter is checked on the rows instead.
const listedByIds = prepared<{ businessId: string; mode: string; ids: readonly string[] }, ListedStored>((db, slots) =>
  withCount(scoped(db, scopeSlots(slots)).where('id', 'in', slots.list('ids'))),
);

/**
 * These collections as `filter`'s list shows them, in no particular order: ids the filter no longer admits (a
 * write since they were listed) are left out, as are unknown ones.
 */
export async function findListedCollections(
  db: Executor,
  scope: Scope,
  filter: CollectionFilter,
  ids: readonly string[],
): Promise<CollectionListRow[]> {
  if (ids.length === 0) return [];
  const rows = await listedByIds(db, { businessId: scope.businessId, mode: scope.mode, ids: padToPowerOfTwo(ids) });
  return rows
    .map(fromListed)
    .filter(
      (row) => row.archived === filter.archived && (filter.brandId === undefined || row.brand_id === filter.brandId),
    );
}

export async function updateCollection(
  db: Executor,
  scope: Scope,
  id: string,
  changes: CollectionChanges,
): Promise<void> {
  await db
    .updateTable('product_collections')
    .set(toStored(changes))
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
