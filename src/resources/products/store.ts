import type { Selectable, Updateable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { jsonRows } from '../../db/json-arrays.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { Mode, ProductsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import {
  creditEntitlementIdsColumn,
  creditEntitlementLinksColumn,
  entitlementLinksColumn,
} from './attachments-store.ts';
import type { RowWithLinks } from './linked.ts';

export type ProductRow = Selectable<ProductsTable>;
export type NewProductRow = Omit<ProductRow, 'seq'>;
export type ProductChanges = Omit<Updateable<ProductsTable>, 'id' | 'business_id' | 'mode' | 'seq' | 'created_at'>;

export interface ProductFilter {
  archived: boolean;
  recurring?: boolean;
  brandId?: string;
}

export async function insertProduct(db: Executor, row: NewProductRow): Promise<void> {
  await db.insertInto('products').values(row).execute();
}

/** A product with the collection whose group holds it, if any (read from its collection item). */
export type ProductRecord = ProductRow & { product_collection_id: string | null };
/** A product with what it links to, as JSON columns (read them with `loadLinked`). */
export type ProductWithLinks = ProductRecord & RowWithLinks;

type ProductKey = { businessId: string; mode: string; id: string };

/** One product by its key, with the collection whose group holds it. */
function productWithCollection(db: Executor, slots: Slots<ProductKey>) {
  return db
    .selectFrom('products')
    .selectAll('products')
    .select((eb) =>
      eb
        .selectFrom('product_collection_items as item')
        .select('item.collection_id')
        .whereRef('item.product_id', '=', 'products.id')
        .as('product_collection_id'),
    )
    .where('business_id', '=', slots.text('businessId'))
    .where('mode', '=', slots.text('mode') as Mode)
    .where('id', '=', slots.text('id'));
}

// Every reference check reads one product: compiled once per lock, not built each time. The locks are
// PostgreSQL's (see db/row-locks.ts); a transaction on SQLite reads without one.
const productQueries = {
  none: prepared<ProductKey, ProductRecord>((db, slots) => productWithCollection(db, slots)),
  reliance: prepared<ProductKey, ProductRecord>((db, slots) => productWithCollection(db, slots).forShare()),
};

// GET reads the product and its links in one statement: on SQLite each statement also pays for its read lock.
const productWithLinks = prepared<ProductKey, ProductWithLinks>((db, slots) =>
  productWithCollection(db, slots).select([
    creditEntitlementLinksColumn(db).as('credit_entitlement_links'),
    entitlementLinksColumn(db).as('entitlement_links'),
  ]),
);

export async function findProductWithLinks(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<ProductWithLinks | undefined> {
  const [row] = await productWithLinks(db, { businessId: scope.businessId, mode: scope.mode, id });
  return row;
}

export async function findProduct(db: Executor, scope: Scope, id: string): Promise<ProductRecord | undefined> {
  const [row] = await productQueries.none(db, { businessId: scope.businessId, mode: scope.mode, id });
  return row;
}

// A PATCH checks the new price against the product's credit entitlements: they are read with the product, under
// its lock, in one statement (on PostgreSQL a round trip of the five a PATCH took).
const withCreditIds = (locked: boolean) =>
  prepared<ProductKey, ProductRecord & { credit_entitlement_ids: unknown }>((db, slots) => {
    const query = productWithCollection(db, slots).select(creditEntitlementIdsColumn(db).as('credit_entitlement_ids'));
    return locked ? query.forNoKeyUpdate() : query;
  });
const lockQueries = { sqlite: withCreditIds(false), postgres: withCreditIds(true) };

/**
 * The product, held until `tx` ends for changing it, so that read-check-write steps cannot interleave; with the
 * ids of its credit entitlements in attachment order.
 */
export async function lockProduct(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<(ProductRecord & { creditEntitlementIds: string[] }) | undefined> {
  const [row] = await lockQueries[tx.dialect](tx, { businessId: scope.businessId, mode: scope.mode, id });
  if (row === undefined) return undefined;
  const { credit_entitlement_ids, ...product } = row;
  return { ...product, creditEntitlementIds: jsonRows<{ id: string }>(credit_entitlement_ids).map((r) => r.id) };
}

/** The product, held until `tx` ends by a transaction that relies on it without changing it. */
export async function holdProduct(tx: Tx, scope: Scope, id: string): Promise<ProductRecord | undefined> {
  const query = tx.dialect === 'postgres' ? productQueries.reliance : productQueries.none;
  const [row] = await query(tx, { businessId: scope.businessId, mode: scope.mode, id });
  return row;
}

/**
 * Sets the archived flag only if it differs, in one statement, and tells whether this call changed it: of
 * several racing archives, exactly one sees `true`, on any store and any number of processes.
 */
export async function setArchived(
  db: Executor,
  scope: Scope,
  id: string,
  archived: boolean,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('products')
    .set({ archived: archived ? 1 : 0, updated_at: at })
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .where('archived', '=', archived ? 0 : 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The columns a list item shows: the others (delivery, license keys, addons…) are read by GET alone. */
const LIST_COLUMNS = [
  'id',
  'business_id',
  'name',
  'description',
  'image_id',
  'price',
  'pricing_mode',
  'is_recurring',
  'tax_category',
  'metadata',
  'created_at',
  'updated_at',
] as const;

export type ListedProduct = Pick<ProductRow, (typeof LIST_COLUMNS)[number]> & RowWithLinks;

type ListArgs = {
  businessId: string;
  mode: string;
  archived: number;
  recurring: number;
  brandId: string;
  limit: number;
  offset: number;
};

/**
 * One compiled query per combination of the optional filters: building the list query anew cost Kysely more
 * per page than reading the rows' links (bench/RESULTS.md).
 */
function listQuery(recurring: boolean, brand: boolean) {
  return prepared<ListArgs, ListedProduct>((db, slots) => {
    let query = db
      .selectFrom('products')
      .select(LIST_COLUMNS)
      .select(entitlementLinksColumn(db).as('entitlement_links'))
      .where('business_id', '=', slots.text('businessId'))
      .where('mode', '=', slots.text('mode') as Mode)
      .where('archived', '=', slots.int('archived'));
    if (recurring) query = query.where('is_recurring', '=', slots.int('recurring'));
    if (brand) query = query.where('brand_id', '=', slots.text('brandId'));
    return query.orderBy('seq', 'desc').limit(slots.int('limit')).offset(slots.int('offset'));
  });
}

const listQueries = [listQuery(false, false), listQuery(true, false), listQuery(false, true), listQuery(true, true)];

/**
 * Newest first, each with its entitlements; `seq` follows insertion order, so rows made in the same millisecond
 * keep a stable order.
 */
export async function listProducts(
  db: Executor,
  scope: Scope,
  filter: ProductFilter,
  page: Page,
): Promise<ListedProduct[]> {
  const query = listQueries[(filter.recurring === undefined ? 0 : 1) + (filter.brandId === undefined ? 0 : 2)]!;
  return query(db, {
    businessId: scope.businessId,
    mode: scope.mode,
    archived: filter.archived ? 1 : 0,
    recurring: filter.recurring ? 1 : 0,
    brandId: filter.brandId ?? '',
    limit: page.limit,
    offset: page.offset,
  });
}

export async function updateProduct(db: Executor, scope: Scope, id: string, changes: ProductChanges): Promise<void> {
  await db
    .updateTable('products')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
