import type { Scope } from '../../context.ts';
import { type BrandMove, moveToBrand as moveRows } from '../../db/brand-holdings.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { findCollection, updateCollection } from './store.ts';

// What other resources may ask of collections.

export async function exists(db: Executor, scope: Scope, id: string): Promise<boolean> {
  return (await findCollection(db, scope, id)) !== undefined;
}

export async function setImage(db: Executor, scope: Scope, id: string, imageId: string, at: string): Promise<void> {
  await updateCollection(db, scope, id, { image_id: imageId, updated_at: at });
}

/** Moves every collection of one brand, archived ones included, to another; returns how many moved. */
export function moveToBrand(tx: Tx, scope: Scope, move: BrandMove): Promise<number> {
  return moveRows(tx, scope, 'product_collections', move);
}
