import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { requireFound } from '../require-found.ts';
import { findAddon, holdAddonIds, updateAddon } from './store.ts';

// What other resources may ask of addons.

/**
 * A product may name only addons of its business and mode. Addons cannot be deleted today; they are held until
 * `tx` ends all the same, so that the day one can, its delete waits for the product that names it.
 */
export async function lockUsable(tx: Tx, scope: Scope, ids: readonly string[]): Promise<void> {
  requireFound(ids, await holdAddonIds(tx, scope, ids), 'MISSING_ADDON_IDS', 'addons');
}

export async function exists(db: Executor, scope: Scope, id: string): Promise<boolean> {
  return (await findAddon(db, scope, id)) !== undefined;
}

export async function setImage(db: Executor, scope: Scope, id: string, imageId: string, at: string): Promise<void> {
  await updateAddon(db, scope, id, { image_id: imageId, updated_at: at });
}
