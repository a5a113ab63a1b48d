import type { Selectable, Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { MetersTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';

export type MeterRow = Selectable<MetersTable>;
export type NewMeterRow = Omit<MeterRow, 'seq'>;
export type MeterChanges = Pick<Updateable<MetersTable>, 'archived' | 'updated_at'>;

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('meters').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertMeter(db: Executor, row: NewMeterRow): Promise<void> {
  await db.insertInto('meters').values(row).execute();
}

export async function findMeter(db: Executor, scope: Scope, id: string): Promise<MeterRow | undefined> {
  return scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

/** The meters of this business and mode among `ids`, in any state. */
export async function findMeters(db: Executor, scope: Scope, ids: readonly string[]): Promise<MeterRow[]> {
  if (ids.length === 0) return [];
  return scoped(db, scope).selectAll().where('id', 'in', ids).execute();
}

/** The meter, held until `tx` ends for archiving or unarchiving it. */
export async function lockMeter(tx: Tx, scope: Scope, id: string): Promise<MeterRow | undefined> {
  return forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The meters of this business and mode among `ids`, in any state, held until `tx` ends. */
export async function holdMeters(tx: Tx, scope: Scope, ids: readonly string[]): Promise<MeterRow[]> {
  if (ids.length === 0) return [];
  return forReliance(tx, scoped(tx, scope).selectAll().where('id', 'in', ids)).execute();
}

/** Newest first; `seq` follows insertion order. */
export async function listMeters(db: Executor, scope: Scope, archived: boolean, page: Page): Promise<MeterRow[]> {
  return scoped(db, scope)
    .selectAll()
    .where('archived', '=', archived ? 1 : 0)
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function updateMeter(db: Executor, scope: Scope, id: string, changes: MeterChanges): Promise<void> {
  await db
    .updateTable('meters')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
