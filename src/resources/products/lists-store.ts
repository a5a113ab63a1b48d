// The queries of the list of products (GET /products), whole or in the parts that kept pages use
// (src/http/page-cache.ts, ListPage): a page's ids, and its items read by id.
import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor } from '../../db/database.ts';
import { padToPowerOfTwo, prepared, type Slots, scopeSlots } from '../../db/prepared.ts';
import type { ProductsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import { decodeListed, type ListedProduct, type ListedStored, listed, scoped } from './store.ts';

export interface ProductFilter {
  archived: boolean;
  recurring?: boolean;
  brandId?: string;
}

type PageArgs = {
  businessId: string;
  mode: string;
  archived: number;
  recurring: number;
  brandId: string;
  limit: number;
  offset: number;
};
/**
 * The queries of a page, compiled once per combination of the optional filters: building a list query anew cost
 * Kysely more per page than reading the rows' links (bench/RESULTS.md). `seq` follows insertion order, so rows
 * made in the same millisecond keep a stable order.
 */
function pageQueries(recurring: boolean, brand: boolean) {
  const paged = (db: Executor, slots: Slots<PageArgs>) => {
    let query = scoped(db, scopeSlots(slots)).where('archived', '=', slots.int('archived'));
    if (recurring) query = query.where('is_recurring', '=', slots.int('recurring'));
    if (brand) query = query.where('brand_id', '=', slots.text('brandId'));
    return query.orderBy('seq', 'desc').limit(slots.int('limit')).offset(slots.int('offset'));
  };
  return {
    ids: prepared<PageArgs, { id: string }>((db, slots) => paged(db, slots).select('id')),
    items: prepared<PageArgs, ListedStored>((db, slots) => listed(paged(db, slots), db)),
  };
}

const PAGE_QUERIES = [
  pageQueries(false, false),
  pageQueries(true, false),
  pageQueries(false, true),
  pageQueries(true, true),
];

function pageQuery(scope: Scope, filter: ProductFilter, page: Page) {
  const queries = PAGE_QUERIES[(filter.recurring === undefined ? 0 : 1) + (filter.brandId === undefined ? 0 : 2)]!;
  const args = {
    businessId: scope.businessId,
    mode: scope.mode,
    archived: storedFlag(filter.archived),
    recurring: storedFlag(filter.recurring ?? false),
    brandId: filter.brandId ?? '',
    ...page,
  };
  return { queries, args };
}

/** A page of products, newest first, each with its entitlements. */
export async function listProducts(
  db: Executor,
  scope: Scope,
  filter: ProductFilter,
  page: Page,
): Promise<ListedProduct[]> {
  const { queries, args } = pageQuery(scope, filter, page);
  return decodeListed(await queries.items(db, args));
}

/** The ids of a page of products, newest first. */
export async function listProductIds(db: Executor, scope: Scope, filter: ProductFilter, page: Page): Promise<string[]> {
  const { queries, args } = pageQuery(scope, filter, page);
  return (await queries.ids(db, args)).map((row) => row.id);
}

// By id alone: with the filter's columns in the WHERE clause too, SQLite reads them through the list index again,
// every product of the business (sqlite-plans.test.ts). The filter is checked on the rows instead.
const listedByIds = prepared<
  { businessId: string; mode: string; ids: readonly string[] },
  ListedStored & Pick<Selectable<ProductsTable>, 'archived' | 'brand_id'>
>((db, slots) =>
  listed(scoped(db, scopeSlots(slots)).where('id', 'in', slots.list('ids')), db).select(['archived', 'brand_id']),
);

/**
 * These products as `filter`'s list shows them, in no particular order: ids the filter no longer admits (a write
 * since they were listed) are left out, as are unknown ones.
 */
export async function findListedProducts(
  db: Executor,
  scope: Scope,
  filter: ProductFilter,
  ids: readonly string[],
): Promise<ListedProduct[]> {
  if (ids.length === 0) return [];
  const rows = await listedByIds(db, { businessId: scope.businessId, mode: scope.mode, ids: padToPowerOfTwo(ids) });
  return decodeListed(
    rows.filter(
      (row) =>
        flag(row.archived) === filter.archived &&
        (filter.recurring === undefined || flag(row.is_recurring) === filter.recurring) &&
        (filter.brandId === undefined || row.brand_id === filter.brandId),
    ),
  );
}
