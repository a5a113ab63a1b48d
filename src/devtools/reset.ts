import type { BlobStore } from '../blobs/store.ts';
import type { Scope } from '../context.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { keyOf } from '../resources/media/rules.ts';

/**
 * The tables that hold a business's catalog, each filtered by business and mode; a reset empties them in this
 * order, rows that point at others first, so that no foreign key stands in the way. `brands` keeps the primary
 * brand: its id is the business id, products need a brand, and the API cannot change it. Kept Idempotency-Key
 * answers go too: a replay after a reset must not hand back an object that no longer exists.
 */
export const CATALOG_TABLES = [
  'idempotency_keys',
  'product_collection_items',
  'product_collection_groups',
  'product_collections',
  'short_links',
  'localized_prices',
  'product_credit_entitlements',
  'product_entitlements',
  'products',
  'addons',
  'meters',
  'credit_entitlements',
  'entitlements',
  'uploads',
  'brands',
] as const satisfies readonly (keyof DB)[];

/** Tables a reset leaves alone: who may call (businesses, keys) and what the server keeps for itself. */
export const KEPT_TABLES = ['businesses', 'api_keys', 'server_settings'] as const satisfies readonly (keyof DB)[];

/**
 * Empties one business's catalog in one mode, in one transaction; its keys and the business itself stay. The
 * bytes of its uploads are removed from the blob store once that has committed, so a loop that uploads and
 * resets does not fill the store; a blob that cannot be removed is left behind with a warning, the reset stands.
 */
export async function resetCatalog(database: Database, blobs: BlobStore, scope: Scope): Promise<void> {
  const uploads = await database.transaction(async (trx) => {
    const business = await trx
      .selectFrom('businesses')
      .select('id')
      .where('id', '=', scope.businessId)
      .executeTakeFirst();
    if (!business) throw notFound('business', scope.businessId);
    const removed = await trx
      .selectFrom('uploads')
      .select(['kind', 'id'])
      .where('business_id', '=', scope.businessId)
      .where('mode', '=', scope.mode)
      .execute();
    for (const table of CATALOG_TABLES) {
      let rows = trx.deleteFrom(table).where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);
      if (table === 'brands') rows = rows.where('is_primary', '=', 0);
      await rows.execute();
    }
    return removed;
  });
  const results = await Promise.allSettled(uploads.map((upload) => blobs.delete(keyOf(upload))));
  for (const [i, result] of results.entries()) {
    if (result.status === 'rejected') {
      process.emitWarning(`reset left the blob ${keyOf(uploads[i]!)} behind: ${String(result.reason)}`);
    }
  }
}
