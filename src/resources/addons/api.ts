import type { Scope } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { requireFound } from '../require-found.ts';
import { holdAddonIds } from './store.ts';

// What other resources may ask of addons.

/**
 * A product may name only addons of its business and mode. Addons cannot be deleted today; they are held until
 * `tx` ends all the same, so that the day one can, its delete waits for the product that names it.
 */
export async function lockUsable(tx: Tx, scope: Scope, ids: readonly string[]): Promise<void> {
  requireFound(ids, await holdAddonIds(tx, scope, ids), 'MISSING_ADDON_IDS', 'addons');
}
