import type { Scope } from '../../context.ts';
import { type BrandMove, brandHolds, moveToBrand as moveRows } from '../../db/brand-holdings.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { detachEntitlement as detach } from './attachments-store.ts';
import { findProduct, holdProduct, type ProductRecord, updateProduct } from './store.ts';

export { pricesAsShown } from './linked.ts';
export type { StoredDelivery } from './store.ts';

// What other resources may ask of products.

/**
 * What a kept page that shows the product depends on (http/page-cache.ts): a transaction that changes the product
 * through this resource names it (Tx.changed), and the page is dropped when it commits.
 */
export function pageKey(id: string): string {
  return `product ${id}`;
}

/** The product, archived or not (404 when there is none). */
export async function requireExisting(db: Executor, scope: Scope, id: string): Promise<ProductRecord> {
  const product = await findProduct(db, scope, id);
  if (!product) throw notFound('product', id);
  return product;
}

/**
 * The product, archived or not (404 when there is none), held until `tx` ends: a PATCH of it, which locks it to
 * change it, waits for whatever `tx` hangs on it (a localized price) and then sees it.
 */
export async function lockExisting(tx: Tx, scope: Scope, id: string): Promise<ProductRecord> {
  const product = await holdProduct(tx, scope, id);
  if (!product) throw notFound('product', id);
  return product;
}

export async function exists(db: Executor, scope: Scope, id: string): Promise<boolean> {
  return (await findProduct(db, scope, id)) !== undefined;
}

export async function setImage(db: Executor, scope: Scope, id: string, imageId: string, at: string): Promise<void> {
  await updateProduct(db, scope, id, { image_id: imageId, updated_at: at });
}

/** Whether any product, archived or not, is of the brand. */
export function anyOfBrand(db: Executor, scope: Scope, brandId: string): Promise<boolean> {
  return brandHolds(db, scope, 'products', brandId);
}

/** Moves every product of one brand, archived ones included, to another; returns how many moved. */
export function moveToBrand(tx: Tx, scope: Scope, move: BrandMove): Promise<number> {
  return moveRows(tx, scope, 'products', move);
}

/** Takes a deleted entitlement off every product. */
export function detachEntitlement(tx: Tx, scope: Scope, entitlementId: string): Promise<void> {
  return detach(tx, scope, entitlementId);
}
