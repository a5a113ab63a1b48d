import type { Scope } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { requireFound } from '../require-found.ts';
import { holdEntitlementIds } from './store.ts';

export { decodeSummaries, type EntitlementSummaryRow } from './store.ts';

// What other resources may ask of entitlements.

/**
 * A product may attach only entitlements of its business and mode that are not deleted. They are held until `tx`
 * ends: a delete, which takes the entitlement off every product, then waits for the product that attaches it.
 */
export async function lockUsable(tx: Tx, scope: Scope, ids: readonly string[]): Promise<void> {
  requireFound(ids, await holdEntitlementIds(tx, scope, ids), 'MISSING_ENTITLEMENT_IDS', 'entitlements');
}
