import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { findBrand } from './store.ts';

/** A product or collection may only name an enabled, non-archived brand of its own business and mode. */
export async function requireUsableBrand(db: Executor, scope: Scope, brandId: string): Promise<void> {
  const brand = await findBrand(db, scope, brandId);
  if (!brand) throw invalid('BRAND_NOT_FOUND', `brand_id ${brandId} is not a brand of this business`);
  if (!brand.enabled || brand.archived_at !== null) {
    throw invalid('BRAND_NOT_ENABLED', `brand ${brandId} is archived or not enabled`);
  }
}
