import type { Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { BrandsTable } from '../../db/schema.ts';

export type BrandRow = BrandsTable;
export type BrandChanges = Omit<Updateable<BrandsTable>, 'business_id' | 'mode' | 'id' | 'is_primary' | 'created_at'>;

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('brands').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertBrand(db: Executor, row: BrandRow): Promise<void> {
  await db.insertInto('brands').values(row).execute();
}

export async function findBrand(db: Executor, scope: Scope, id: string): Promise<BrandRow | undefined> {
  return scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

/** The brand, held until `tx` ends for changing it (PATCH, archive). */
export async function lockBrand(tx: Tx, scope: Scope, id: string): Promise<BrandRow | undefined> {
  return forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The brand, held until `tx` ends so that an archive waits for whatever `tx` points at it. */
export async function holdBrand(tx: Tx, scope: Scope, id: string): Promise<BrandRow | undefined> {
  return forReliance(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Newest first; brands carry no insertion counter, so the id breaks ties within a millisecond. */
export async function listBrands(db: Executor, scope: Scope, includeArchived: boolean): Promise<BrandRow[]> {
  let query = scoped(db, scope).selectAll();
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updateBrand(db: Executor, scope: Scope, id: string, changes: BrandChanges): Promise<void> {
  await db
    .updateTable('brands')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
