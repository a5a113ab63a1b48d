import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { CreditEntitlementsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import type { CreditEntitlement } from './schema.ts';

type Stored = Selectable<CreditEntitlementsTable>;
type Typed = 'overage_enabled' | 'rollover_enabled' | 'overage_limit' | 'currency' | 'overage_behavior';

/** A credit entitlement as the rest of Pricebook sees it: flags as booleans, the limit a number, enums typed. */
export interface CreditEntitlementRow
  extends Omit<Stored, Typed | 'rollover_timeframe_interval'>,
    Pick<CreditEntitlement, Typed | 'rollover_timeframe_interval'> {}
export type NewCreditEntitlementRow = Omit<CreditEntitlementRow, 'seq'>;
export type CreditEntitlementChanges = Partial<
  Omit<CreditEntitlementRow, 'id' | 'business_id' | 'mode' | 'seq' | 'precision' | 'created_at'>
>;

function fromStored(row: Stored): CreditEntitlementRow {
  return {
    ...row,
    overage_enabled: flag(row.overage_enabled),
    rollover_enabled: flag(row.rollover_enabled),
    // BIGINT arrives from PostgreSQL as a string.
    overage_limit: row.overage_limit === null ? null : Number(row.overage_limit),
    currency: row.currency as CreditEntitlementRow['currency'],
    overage_behavior: row.overage_behavior as CreditEntitlementRow['overage_behavior'],
    rollover_timeframe_interval: row.rollover_timeframe_interval as CreditEntitlementRow['rollover_timeframe_interval'],
  };
}

function toStored<T extends CreditEntitlementChanges>(row: T) {
  return {
    ...row,
    overage_enabled: row.overage_enabled === undefined ? undefined : storedFlag(row.overage_enabled),
    rollover_enabled: row.rollover_enabled === undefined ? undefined : storedFlag(row.rollover_enabled),
  };
}

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('credit_entitlements').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertCreditEntitlement(db: Executor, row: NewCreditEntitlementRow): Promise<void> {
  await db
    .insertInto('credit_entitlements')
    .values(toStored(row) as Omit<Stored, 'seq'>)
    .execute();
}

/** The credit entitlement, deleted or not. */
export async function findCreditEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<CreditEntitlementRow | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** The credit entitlement, deleted or not, held until `tx` ends for changing it. */
export async function lockCreditEntitlement(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<CreditEntitlementRow | undefined> {
  const row = await forChange(tx, scoped(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
  return row && fromStored(row);
}

/** The credit entitlements of this business and mode among `ids`, deleted or not, held until `tx` ends. */
export async function holdCreditEntitlements(
  tx: Tx,
  scope: Scope,
  ids: readonly string[],
): Promise<CreditEntitlementRow[]> {
  if (ids.length === 0) return [];
  return (await forReliance(tx, scoped(tx, scope).selectAll().where('id', 'in', ids)).execute()).map(fromStored);
}

/** Newest first; `seq` follows insertion order. */
export async function listCreditEntitlements(
  db: Executor,
  scope: Scope,
  deleted: boolean,
  page: Page,
): Promise<CreditEntitlementRow[]> {
  const rows = await scoped(db, scope)
    .selectAll()
    .where('deleted_at', deleted ? 'is not' : 'is', null)
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(fromStored);
}

export async function updateCreditEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
  changes: CreditEntitlementChanges,
): Promise<void> {
  await db
    .updateTable('credit_entitlements')
    .set(toStored(changes))
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
