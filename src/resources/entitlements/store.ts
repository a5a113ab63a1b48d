import type { Selectable, Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { EntitlementsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';

export type EntitlementRow = Selectable<EntitlementsTable>;
export type NewEntitlementRow = Omit<EntitlementRow, 'seq'>;
export type EntitlementChanges = Omit<
  Updateable<EntitlementsTable>,
  'id' | 'business_id' | 'mode' | 'seq' | 'integration_type' | 'created_at'
>;

/** Deleted entitlements are gone from the API, so every read here leaves them out. */
const active = (db: Executor, scope: Scope) =>
  db
    .selectFrom('entitlements')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('deleted_at', 'is', null);

export async function insertEntitlement(db: Executor, row: NewEntitlementRow): Promise<void> {
  await db.insertInto('entitlements').values(row).execute();
}

export async function findEntitlement(db: Executor, scope: Scope, id: string): Promise<EntitlementRow | undefined> {
  return active(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
}

/** The entitlement, held until `tx` ends for changing or deleting it. */
export async function lockEntitlement(tx: Tx, scope: Scope, id: string): Promise<EntitlementRow | undefined> {
  return forChange(tx, active(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
}

/** Which of `ids` name entitlements of this business and mode, held until `tx` ends. */
export async function holdEntitlementIds(tx: Tx, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await forReliance(tx, active(tx, scope).select('id').where('id', 'in', ids)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Newest first; `seq` follows insertion order. */
export async function listEntitlements(
  db: Executor,
  scope: Scope,
  integrationType: string | undefined,
  page: Page,
): Promise<EntitlementRow[]> {
  let query = active(db, scope).selectAll();
  if (integrationType !== undefined) query = query.where('integration_type', '=', integrationType);
  return query.orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function updateEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
  changes: EntitlementChanges,
): Promise<void> {
  await db
    .updateTable('entitlements')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
