import type { Selectable, Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { CreditEntitlementsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';

export type CreditEntitlementRow = Selectable<CreditEntitlementsTable>;
export type NewCreditEntitlementRow = Omit<CreditEntitlementRow, 'seq'>;
export type CreditEntitlementChanges = Omit<
  Updateable<CreditEntitlementsTable>,
  'id' | 'business_id' | 'mode' | 'seq' | 'precision' | 'created_at'
>;

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('credit_entitlements').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertCreditEntitlement(db: Executor, row: NewCreditEntitlementRow): Promise<void> {
  await db.insertInto('credit_entitlements').values(row).execute();
}

/** The credit entitlement, deleted or not. */
export async function findCreditEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<CreditEntitlementRow | undefined> {
  return scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

/** The credit entitlement, deleted or not, held until `tx` ends for changing it. */
export async function lockCreditEntitlement(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<CreditEntitlementRow | undefined> {
  return forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The credit entitlements of this business and mode among `ids`, deleted or not, held until `tx` ends. */
export async function holdCreditEntitlements(
  tx: Tx,
  scope: Scope,
  ids: readonly string[],
): Promise<CreditEntitlementRow[]> {
  if (ids.length === 0) return [];
  return forReliance(tx, scoped(tx, scope).selectAll().where('id', 'in', ids)).execute();
}

/** Newest first; `seq` follows insertion order. */
export async function listCreditEntitlements(
  db: Executor,
  scope: Scope,
  deleted: boolean,
  page: Page,
): Promise<CreditEntitlementRow[]> {
  return scoped(db, scope)
    .selectAll()
    .where('deleted_at', deleted ? 'is not' : 'is', null)
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function updateCreditEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
  changes: CreditEntitlementChanges,
): Promise<void> {
  await db
    .updateTable('credit_entitlements')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
