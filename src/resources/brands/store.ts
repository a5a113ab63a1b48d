import type { Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { BrandsTable } from '../../db/schema.ts';
import type { Brand } from './schema.ts';

/** A brand as the rest of Pricebook sees it: flags as booleans, the verification status typed. */
export interface BrandRow
  extends Omit<BrandsTable, 'is_primary' | 'enabled' | 'verification_enabled' | 'verification_status'> {
  is_primary: boolean;
  enabled: boolean;
  verification_enabled: boolean;
  verification_status: Brand['verification_status'];
}
export type BrandChanges = Omit<Updateable<BrandsTable>, 'business_id' | 'mode' | 'id' | 'is_primary' | 'created_at'>;

function fromStored(row: BrandsTable): BrandRow {
  return {
    ...row,
    is_primary: row.is_primary === 1,
    enabled: row.enabled === 1,
    verification_enabled: row.verification_enabled === 1,
    verification_status: row.verification_status as Brand['verification_status'],
  };
}

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('brands').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertBrand(db: Executor, row: BrandRow): Promise<void> {
  const flag = (value: boolean) => (value ? 1 : 0);
  await db
    .insertInto('brands')
    .values({
      ...row,
      is_primary: flag(row.is_primary),
      enabled: flag(row.enabled),
      verification_enabled: flag(row.verification_enabled),
    })
    .execute();
}

export async function findBrand(db: Executor, scope: Scope, id: string): Promise<BrandRow | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** The brand, held until `tx` ends for changing it (PATCH, archive). */
export async function lockBrand(tx: Tx, scope: Scope, id: string): Promise<BrandRow | undefined> {
  const row = await forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
  return row && fromStored(row);
}

/** The brand, held until `tx` ends so that an archive waits for whatever `tx` points at it. */
export async function holdBrand(tx: Tx, scope: Scope, id: string): Promise<BrandRow | undefined> {
  const row = await forReliance(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
  return row && fromStored(row);
}

/** Newest first; brands carry no insertion counter, so the id breaks ties within a millisecond. */
export async function listBrands(db: Executor, scope: Scope, includeArchived: boolean): Promise<BrandRow[]> {
  let query = scoped(db, scope).selectAll();
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return (await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(fromStored);
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
