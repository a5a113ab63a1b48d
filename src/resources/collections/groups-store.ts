import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor } from '../../db/database.ts';
import { prepared, scopeSlots } from '../../db/prepared.ts';
import type { Mode, ProductCollectionGroupsTable } from '../../db/schema.ts';
import { type UniqueIndex, violates } from '../../db/unique-violations.ts';
import { invalid } from '../../errors.ts';
import type { Placement } from '../../lib/ordering.ts';
import { writePlacements } from './placements-store.ts';

type Stored = Selectable<ProductCollectionGroupsTable>;

/** A group as the rest of Pricebook sees it: `status` a boolean. */
export interface GroupRow extends Omit<Stored, 'status'> {
  status: boolean;
}
export type GroupChanges = Partial<Pick<GroupRow, 'name' | 'status'>>;

function fromStored(row: Stored): GroupRow {
  return { ...row, status: flag(row.status) };
}

const GROUP_NAME: UniqueIndex = {
  name: 'product_collection_groups_name',
  columns: ['product_collection_groups.collection_id', 'product_collection_groups.name'],
};

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('product_collection_groups').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

/** The index backs the service's own check, so that a name clash is always the catalogue's 422. */
async function translated<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (violates(error, GROUP_NAME)) {
      throw invalid('DUPLICATE_GROUP_NAME', 'named groups must be unique within a collection');
    }
    throw error;
  }
}

/** The collection's groups in display order. */
export async function listGroups(db: Executor, scope: Scope, collectionId: string): Promise<GroupRow[]> {
  const rows = await groupsOf(db, { businessId: scope.businessId, mode: scope.mode, collectionId });
  return rows.map(fromStored);
}

// Read by every GET of a collection: compiled once.
const groupsOf = prepared<{ businessId: string; mode: string; collectionId: string }, Stored>((db, slots) =>
  scoped(db, scopeSlots(slots)).selectAll().where('collection_id', '=', slots.text('collectionId')).orderBy('position'),
);

export async function findGroup(
  db: Executor,
  scope: Scope,
  collectionId: string,
  groupId: string,
): Promise<GroupRow | undefined> {
  const [row] = await groupById(db, { businessId: scope.businessId, mode: scope.mode, collectionId, groupId });
  return row && fromStored(row);
}

// Every change to a group or one of its items looks the group up first: compiled once.
const groupById = prepared<{ businessId: string; mode: string; collectionId: string; groupId: string }, Stored>(
  (db, slots) =>
    db
      .selectFrom('product_collection_groups')
      .selectAll()
      .where('business_id', '=', slots.text('businessId'))
      .where('mode', '=', slots.text('mode') as Mode)
      .where('collection_id', '=', slots.text('collectionId'))
      .where('id', '=', slots.text('groupId')),
);

export async function insertGroups(db: Executor, rows: readonly GroupRow[]): Promise<void> {
  for (const part of batches(rows)) {
    const stored = part.map((row) => ({ ...row, status: storedFlag(row.status) }));
    await translated(db.insertInto('product_collection_groups').values(stored).execute());
  }
}

export async function updateGroup(db: Executor, scope: Scope, id: string, changes: GroupChanges): Promise<void> {
  await translated(
    db
      .updateTable('product_collection_groups')
      .set({ ...changes, status: changes.status === undefined ? undefined : storedFlag(changes.status) })
      .where('business_id', '=', scope.businessId)
      .where('mode', '=', scope.mode)
      .where('id', '=', id)
      .execute(),
  );
}

export async function deleteGroup(db: Executor, scope: Scope, id: string): Promise<void> {
  await db
    .deleteFrom('product_collection_groups')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}

export async function placeGroups(db: Executor, scope: Scope, placements: readonly Placement[]): Promise<void> {
  await writePlacements(db, 'product_collection_groups', scope, placements);
}
