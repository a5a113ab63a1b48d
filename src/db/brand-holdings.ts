import type { Scope } from '../context.ts';
import type { Executor } from './database.ts';

// The rows that belong to a brand, whatever their table: the products and collections stores answer for their
// own rows through these, and a brand archive asks them.

/** The tables whose rows belong to a brand. */
export type BrandHolding = 'products' | 'product_collections';

/** One brand's rows moving to another, at `at`. */
export interface BrandMove {
  from: string;
  to: string;
  at: string;
}

/** Whether any row of `table`, archived or not, still names the brand. */
export async function brandHolds(db: Executor, scope: Scope, table: BrandHolding, brandId: string): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('brand_id', '=', brandId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves every row of `table` that names one brand, archived ones included, to another; returns how many moved. */
export async function moveToBrand(db: Executor, scope: Scope, table: BrandHolding, move: BrandMove): Promise<number> {
  const result = await db
    .updateTable(table)
    .set({ brand_id: move.to, updated_at: move.at })
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('brand_id', '=', move.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
