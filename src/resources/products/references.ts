import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { RowLock } from '../../db/row-locks.ts';
import { invalid } from '../../errors.ts';
import { existingAddonIds } from '../addons/store.ts';
import { type CreditEntitlementRow, findCreditEntitlements } from '../credit-entitlements/store.ts';
import { existingEntitlementIds } from '../entitlements/store.ts';
import { findMeters } from '../meters/store.ts';

/** The ids a product request names; a kind left null is not part of the request and is not checked. */
export interface NamedIds {
  addons: string[] | null;
  meters: string[] | null;
  creditEntitlements: string[] | null;
  entitlements: string[] | null;
}

/**
 * Checks, inside the product's transaction, that every id the request names is one of this business and mode
 * and may be used: meters not archived, credit entitlements not deleted. `lock` holds the rows it read, so that
 * none is archived or deleted before the product is written. Returns the credit entitlements, by id.
 */
export async function requireReferencesExist(
  db: Executor,
  scope: Scope,
  ids: NamedIds,
  lock: RowLock,
): Promise<Map<string, CreditEntitlementRow>> {
  if (ids.addons?.length) {
    const found = await existingAddonIds(db, scope, ids.addons);
    requireAll(ids.addons, found, 'MISSING_ADDON_IDS', 'addons');
  }
  if (ids.meters?.length) {
    const meters = await findMeters(db, scope, ids.meters, lock);
    requireAll(ids.meters, new Set(meters.map((m) => m.id)), 'MISSING_METER_IDS', 'price.meters');
    const archived = meters.filter((m) => m.archived === 1).map((m) => m.id);
    if (archived.length > 0)
      throw invalid('METER_IS_DELETED', `price.meters names archived meters: ${archived.join(', ')}`);
  }
  if (ids.entitlements?.length) {
    const found = await existingEntitlementIds(db, scope, ids.entitlements, lock);
    requireAll(ids.entitlements, found, 'MISSING_ENTITLEMENT_IDS', 'entitlements');
  }
  if (!ids.creditEntitlements?.length) return new Map();
  const rows = await findCreditEntitlements(db, scope, ids.creditEntitlements, lock);
  requireAll(
    ids.creditEntitlements,
    new Set(rows.map((r) => r.id)),
    'MISSING_CREDIT_ENTITLEMENT_IDS',
    'credit_entitlements',
  );
  const deleted = rows.filter((r) => r.deleted_at !== null).map((r) => r.id);
  if (deleted.length > 0) {
    throw invalid('CREDIT_ENTITLEMENT_IS_DELETED', `credit_entitlements names deleted ones: ${deleted.join(', ')}`);
  }
  return new Map(rows.map((r) => [r.id, r]));
}

type MissingCode =
  | 'MISSING_ADDON_IDS'
  | 'MISSING_METER_IDS'
  | 'MISSING_CREDIT_ENTITLEMENT_IDS'
  | 'MISSING_ENTITLEMENT_IDS';

function requireAll(ids: string[], found: Set<string>, code: MissingCode, field: string): void {
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalid(code, `${field} names ids that do not exist: ${missing.join(', ')}`);
}
