import type { Scope } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { requireFound } from '../require-found.ts';
import { type CreditEntitlementRow, holdCreditEntitlements } from './store.ts';

export type { CreditEntitlementRow };

// What other resources may ask of credit entitlements.

/**
 * A product may attach only credit entitlements of its business and mode that are not deleted. They are held
 * until `tx` ends, so a delete waits for the product that attaches them. Returns them by id.
 */
export async function lockUsable(
  tx: Tx,
  scope: Scope,
  ids: readonly string[],
): Promise<Map<string, CreditEntitlementRow>> {
  const rows = await holdCreditEntitlements(tx, scope, ids);
  requireFound(ids, new Set(rows.map((r) => r.id)), 'MISSING_CREDIT_ENTITLEMENT_IDS', 'credit_entitlements');
  const deleted = rows.filter((r) => r.deleted_at !== null).map((r) => r.id);
  if (deleted.length > 0) {
    throw invalid('CREDIT_ENTITLEMENT_IS_DELETED', `credit_entitlements names deleted ones: ${deleted.join(', ')}`);
  }
  return new Map(rows.map((r) => [r.id, r]));
}
