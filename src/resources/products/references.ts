import type { Scope } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import * as addons from '../addons/api.ts';
import type { CreditEntitlementRow } from '../credit-entitlements/api.ts';
import * as creditEntitlements from '../credit-entitlements/api.ts';
import * as entitlements from '../entitlements/api.ts';
import * as meters from '../meters/api.ts';

/** The ids a product request names; a kind left null is not part of the request and is not checked. */
export interface NamedIds {
  addons: string[] | null;
  meters: string[] | null;
  creditEntitlements: string[] | null;
  entitlements: string[] | null;
}

/**
 * Checks, inside the product's transaction, that every id the request names is one of this business and mode
 * and may be used, and holds those rows until the product is written, so that none is archived or deleted
 * meanwhile. Returns the credit entitlements, by id.
 */
export async function requireReferencesExist(
  tx: Tx,
  scope: Scope,
  ids: NamedIds,
): Promise<Map<string, CreditEntitlementRow>> {
  if (ids.addons?.length) await addons.lockUsable(tx, scope, ids.addons);
  if (ids.meters?.length) await meters.lockUsable(tx, scope, ids.meters);
  if (ids.entitlements?.length) await entitlements.lockUsable(tx, scope, ids.entitlements);
  if (!ids.creditEntitlements?.length) return new Map();
  return creditEntitlements.lockUsable(tx, scope, ids.creditEntitlements);
}
