import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { MetersTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import type { Meter, MeterFilter } from './schema.ts';

type Stored = Selectable<MetersTable>;

/** A meter as the rest of Pricebook sees it: the flag a boolean, the filter parsed, the aggregation typed. */
export interface MeterRow extends Omit<Stored, 'archived' | 'filter' | 'aggregation_type'> {
  archived: boolean;
  filter: MeterFilter | null;
  aggregation_type: Meter['aggregation']['type'];
}
export type NewMeterRow = Omit<MeterRow, 'seq'>;
export type MeterChanges = Pick<MeterRow, 'archived' | 'updated_at'>;

function fromStored(row: Stored): MeterRow {
  return {
    ...row,
    archived: row.archived === 1,
    filter: row.filter === null ? null : (JSON.parse(row.filter) as MeterFilter),
    aggregation_type: row.aggregation_type as MeterRow['aggregation_type'],
  };
}

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('meters').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertMeter(db: Executor, row: NewMeterRow): Promise<void> {
  const stored = { ...row, archived: row.archived ? 1 : 0, filter: row.filter ? JSON.stringify(row.filter) : null };
  await db.insertInto('meters').values(stored).execute();
}

export async function findMeter(db: Executor, scope: Scope, id: string): Promise<MeterRow | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** The meters of this business and mode among `ids`, in any state. */
export async function findMeters(db: Executor, scope: Scope, ids: readonly string[]): Promise<MeterRow[]> {
  if (ids.length === 0) return [];
  return (await scoped(db, scope).selectAll().where('id', 'in', ids).execute()).map(fromStored);
}

/** The meter, held until `tx` ends for archiving or unarchiving it. */
export async function lockMeter(tx: Tx, scope: Scope, id: string): Promise<MeterRow | undefined> {
  const row = await forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
  return row && fromStored(row);
}

/** The meters of this business and mode among `ids`, in any state, held until `tx` ends. */
export async function holdMeters(tx: Tx, scope: Scope, ids: readonly string[]): Promise<MeterRow[]> {
  if (ids.length === 0) return [];
  return (await forReliance(tx, scoped(tx, scope).selectAll().where('id', 'in', ids)).execute()).map(fromStored);
}

/** Newest first; `seq` follows insertion order. */
export async function listMeters(db: Executor, scope: Scope, archived: boolean, page: Page): Promise<MeterRow[]> {
  const rows = await scoped(db, scope)
    .selectAll()
    .where('archived', '=', archived ? 1 : 0)
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(fromStored);
}

export async function updateMeter(db: Executor, scope: Scope, id: string, changes: MeterChanges): Promise<void> {
  await db
    .updateTable('meters')
    .set({ ...changes, archived: changes.archived ? 1 : 0 })
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
