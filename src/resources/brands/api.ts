import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { findBrand, holdBrand, updateBrand } from './store.ts';

// What other resources may ask of brands.

/**
 * A product or collection may only name an enabled, non-archived brand of its own business and mode. The brand
 * is held until `tx` ends, so an archive of it waits for the row `tx` points at it, and then moves that row.
 */
export async function lockUsable(tx: Tx, scope: Scope, brandId: string): Promise<void> {
  const brand = await holdBrand(tx, scope, brandId);
  if (!brand) throw invalid('BRAND_NOT_FOUND', `brand_id ${brandId} is not a brand of this business`);
  if (!brand.enabled || brand.archived_at !== null) {
    throw invalid('BRAND_NOT_ENABLED', `brand ${brandId} is archived or not enabled`);
  }
}

export async function exists(db: Executor, scope: Scope, id: string): Promise<boolean> {
  return (await findBrand(db, scope, id)) !== undefined;
}

export async function setImage(db: Executor, scope: Scope, id: string, imageId: string, at: string): Promise<void> {
  await updateBrand(db, scope, id, { image_id: imageId, updated_at: at });
}
