import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { newUuid } from '../../lib/ids.ts';
import { appendedPositions } from '../../lib/ordering.ts';
import { pricesAsShown } from '../products/api.ts';
import type { Price } from '../products/price-schema.ts';
import type { GroupProduct } from './groups-schema.ts';
import type { ItemRow } from './items-store.ts';
import { findCandidates, type ItemWithProduct } from './members-store.ts';
import { requireNoRepeatedProducts } from './rules.ts';

// The products that items hold: which may join a collection, the items they make, and the prices they show.

const list = (ids: Iterable<string>) => [...ids].join(', ');

/**
 * Products may join a collection only when they are products of this business and mode, not archived, of
 * the collection's brand (Q5), and in no collection yet (one collection per product).
 */
export async function requireJoinable(
  db: Executor,
  scope: Scope,
  brandId: string,
  productIds: readonly string[],
): Promise<void> {
  requireNoRepeatedProducts(productIds);
  const candidates = await findCandidates(db, scope, productIds);
  const found = new Set(candidates.map((c) => c.id));
  const missing = productIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalid('MISSING_PRODUCT_IDS', `no product ${list(missing)} in this business`);
  const archived = candidates.filter((c) => c.archived).map((c) => c.id);
  if (archived.length > 0) throw invalid('PRODUCT_IS_ARCHIVED', `product ${list(archived)} is archived`);
  const otherBrand = candidates.filter((c) => c.brand_id !== brandId).map((c) => c.id);
  if (otherBrand.length > 0) {
    throw invalid('BRAND_MISMATCH', `product ${list(otherBrand)} is not of the collection's brand ${brandId}`);
  }
  const taken = candidates.filter((c) => c.collection_id !== null).map((c) => c.id);
  if (taken.length > 0) {
    throw invalid(
      'PRODUCT_ALREADY_IN_COLLECTION',
      `product ${list(taken)} already belongs to a collection; remove it there first`,
    );
  }
}

/** New items for a group, appended after its `existing` items; status defaults to true. */
export function newItems(
  scope: Scope,
  place: { collectionId: string; groupId: string; existing: number },
  products: readonly GroupProduct[],
): ItemRow[] {
  const positions = appendedPositions(place.existing, products.length);
  return products.map((product, i) => ({
    id: newUuid(),
    business_id: scope.businessId,
    mode: scope.mode,
    collection_id: place.collectionId,
    group_id: place.groupId,
    product_id: product.product_id,
    status: product.status ?? true,
    position: positions[i]!,
  }));
}

/**
 * The items' prices as their products show them (each meter with its current name, description and unit),
 * by product id. The products' own reader does it in a fixed number of queries for any number of items.
 */
export async function pricesOf(
  db: Executor,
  scope: Scope,
  items: readonly ItemWithProduct[],
): Promise<Map<string, Price>> {
  const prices = await pricesAsShown(
    db,
    scope,
    items.map((item) => item.price),
  );
  return new Map(items.map((item, i) => [item.product_id, prices[i]!]));
}
