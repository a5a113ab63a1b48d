import { type QueryCreator, type Selectable, sql } from 'kysely';
import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { prepared, type Slots, scopeSlots } from '../../db/prepared.ts';
import type { DB, Mode, ProductCollectionItemsTable } from '../../db/schema.ts';
import { type UniqueIndex, violates } from '../../db/unique-violations.ts';
import { invalid } from '../../errors.ts';
import type { Placement } from '../../lib/ordering.ts';
import { writePlacements } from './placements-store.ts';
import { lockAndTouchCollection, touchCollection } from './store.ts';

type Stored = Selectable<ProductCollectionItemsTable>;

/** An item as the rest of Pricebook sees it: `status` a boolean. */
export interface ItemRow extends Omit<Stored, 'status'> {
  status: boolean;
}

function fromStored(row: Stored): ItemRow {
  return { ...row, status: flag(row.status) };
}

const ONE_COLLECTION_PER_PRODUCT: UniqueIndex = {
  name: 'product_collection_items_product',
  columns: ['product_collection_items.product_id'],
};

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('product_collection_items').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

/** Items of a collection, or of one of its groups, in display order within each group. */
export async function listItems(
  db: Executor,
  scope: Scope,
  where: { collectionId: string; groupId?: string },
): Promise<ItemRow[]> {
  const { businessId, mode } = scope;
  const { collectionId, groupId } = where;
  // Each call its own literal: `{ ...ids, groupId }` made a new hidden class per call (see products' lockProduct).
  const rows =
    groupId === undefined
      ? await itemsOfCollection(db, { businessId, mode, collectionId })
      : await itemsOfGroup(db, { businessId, mode, collectionId, groupId });
  return rows.map(fromStored);
}

// Every write to a group's items reads them first, in its transaction: compiled once rather than built each time
// (a group reorder's profile, bench/RESULTS.md).
const ofCollection = (db: Executor, slots: Slots<{ businessId: string; mode: string; collectionId: string }>) =>
  scoped(db, scopeSlots(slots)).selectAll().where('collection_id', '=', slots.text('collectionId'));

const itemsOfCollection = prepared<{ businessId: string; mode: string; collectionId: string }, Stored>((db, slots) =>
  ofCollection(db, slots).orderBy('group_id').orderBy('position'),
);

const itemsOfGroup = prepared<{ businessId: string; mode: string; collectionId: string; groupId: string }, Stored>(
  (db, slots) => ofCollection(db, slots).where('group_id', '=', slots.text('groupId')).orderBy('position'),
);

/** The item, only when it sits in that group of that collection. */
export async function findItem(
  db: Executor,
  scope: Scope,
  ids: { collectionId: string; groupId: string; itemId: string },
): Promise<ItemRow | undefined> {
  const [row] = await itemById(db, { businessId: scope.businessId, mode: scope.mode, ...ids });
  return row && fromStored(row);
}

// An item PATCH or DELETE runs these in its transaction: compiled once rather than built each time.
const itemById = prepared<
  { businessId: string; mode: string; collectionId: string; groupId: string; itemId: string },
  Stored
>((db, slots) =>
  db
    .selectFrom('product_collection_items')
    .selectAll()
    .where('business_id', '=', slots.text('businessId'))
    .where('mode', '=', slots.text('mode') as Mode)
    .where('collection_id', '=', slots.text('collectionId'))
    .where('group_id', '=', slots.text('groupId'))
    .where('id', '=', slots.text('itemId')),
);

type StatusArgs = {
  businessId: string;
  mode: string;
  collectionId: string;
  groupId: string;
  itemId: string;
  status: number;
};

/** The item's UPDATE, only where it sits in that group of that collection. */
const setStatus = (db: QueryCreator<DB>, slots: Slots<StatusArgs>) =>
  db
    .updateTable('product_collection_items')
    .set({ status: slots.int('status') })
    .where('business_id', '=', slots.text('businessId'))
    .where('mode', '=', slots.text('mode') as Mode)
    .where('collection_id', '=', slots.text('collectionId'))
    .where('group_id', '=', slots.text('groupId'))
    .where('id', '=', slots.text('itemId'));

const itemStatus = prepared<StatusArgs, { id: string }>((db, slots) => setStatus(db, slots).returning('id'));

/**
 * On PostgreSQL, the collection's lock and touch (`lockAndTouchCollection`) and the item's status in one statement:
 * with COMMIT, two round trips where there were three. The item's UPDATE qualifies no row before the collection's
 * has run (its WHERE reads that result), so the collection is locked first, as every change to one is. The item is
 * looked for in the statement's snapshot, taken before that lock was granted: an item a change committed meanwhile
 * updated or deleted is read again at its newest (PostgreSQL's READ COMMITTED), but one it inserted is not seen.
 * None can be: an item is inserted only under a new id (insertItems' callers), never again under an old one.
 */
const touchedItemStatus = prepared<StatusArgs & { at: string }, { collection: boolean; item: boolean }>((db, slots) =>
  db
    .with('touched', (db) =>
      touchCollection(db, { ...scopeSlots(slots), id: slots.text('collectionId') }, slots.text('at')).returning('id'),
    )
    // Built on the outer `db`: the inner one's type includes `touched`, which `setStatus` does not take.
    .with('changed', () => setStatus(db, slots).where(sql<boolean>`exists (select from touched)`).returning('id'))
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('touched').select('touched.id')).as('collection'),
      eb.exists(eb.selectFrom('changed').select('changed.id')).as('item'),
    ]),
);

/**
 * Locks and touches the collection (as `lockAndTouchCollection`) and sets the item's status, only when it sits in
 * that group of that collection. Says which of the two was found: with no collection, nothing is written.
 */
export async function touchAndSetItemStatus(
  tx: Tx,
  scope: Scope,
  ids: { collectionId: string; groupId: string; itemId: string },
  status: boolean,
  at: string,
): Promise<{ collection: boolean; item: boolean }> {
  const args = { businessId: scope.businessId, mode: scope.mode, ...ids, status: storedFlag(status) };
  if (tx.dialect === 'postgres') {
    const [found] = await touchedItemStatus(tx, { ...args, at });
    return found!;
  }
  if (!(await lockAndTouchCollection(tx, scope, ids.collectionId, at))) return { collection: false, item: false };
  return { collection: true, item: (await itemStatus(tx, args)).length > 0 };
}

export async function countItems(db: Executor, scope: Scope, collectionId: string): Promise<number> {
  const row = await scoped(db, scope)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('collection_id', '=', collectionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The unique index on `product_id` is what keeps a product in one collection when two requests add it at
 * once; the loser's driver error becomes the same 422 the service's own check gives.
 */
export async function insertItems(db: Executor, rows: readonly ItemRow[]): Promise<void> {
  try {
    for (const part of batches(rows)) {
      const stored = part.map((row) => ({ ...row, status: storedFlag(row.status) }));
      await db.insertInto('product_collection_items').values(stored).execute();
    }
  } catch (error) {
    if (violates(error, ONE_COLLECTION_PER_PRODUCT)) {
      throw invalid('PRODUCT_ALREADY_IN_COLLECTION', 'a product can belong to only one collection');
    }
    throw error;
  }
}

export async function deleteItems(db: Executor, scope: Scope, ids: readonly string[]): Promise<void> {
  for (const part of batches(ids)) {
    await db
      .deleteFrom('product_collection_items')
      .where('business_id', '=', scope.businessId)
      .where('mode', '=', scope.mode)
      .where('id', 'in', part)
      .execute();
  }
}

export async function placeItems(db: Executor, scope: Scope, placements: readonly Placement[]): Promise<void> {
  await writePlacements(db, 'product_collection_items', scope, placements);
}
