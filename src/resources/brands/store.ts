import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { BrandsTable } from '../../db/schema.ts';

export type BrandRow = BrandsTable;

export async function insertBrand(db: Executor, row: BrandRow): Promise<void> {
  await db.insertInto('brands').values(row).execute();
}

export async function findBrand(db: Executor, scope: Scope, id: string): Promise<BrandRow | undefined> {
  return db
    .selectFrom('brands')
    .selectAll()
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .executeTakeFirst();
}
