import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { findProduct, holdProduct, type ProductRecord } from './store.ts';

// What other resources may ask of products.

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
