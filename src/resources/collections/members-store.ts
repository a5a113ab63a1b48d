import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import { selectRows } from '../../db/sqlite-reader.ts';

// Queries that read items together with their products: what an item shows, and what the rules on
// membership (brand, archived, one collection per product) look at.

/** What the rules need to know about a product that is to join a collection. */
export interface Candidate {
  id: string;
  brand_id: string;
  archived: number;
  /** The collection that already holds it, if any. */
  collection_id: string | null;
}

/** An item with the fields of its product that the item shows, as stored. */
export interface ItemWithProduct {
  id: string;
  group_id: string;
  status: number;
  position: number;
  product_id: string;
  name: string;
  description: string | null;
  /** The product's `Price` as JSON. */
  price: string;
  is_recurring: number;
  tax_category: string;
  license_key_enabled: number;
  /** JSON array of addon ids, or null. */
  addons: string | null;
  /** JSON `{external_url, instructions, files}`, or null. */
  digital_product_delivery: string | null;
  /** Whether the product has a credit entitlement attached: a boolean on PostgreSQL, 0 or 1 on SQLite. */
  has_credit_entitlements: boolean | 0 | 1;
}

const products = (db: Executor, scope: Scope) =>
  db
    .selectFrom('products')
    .leftJoin('product_collection_items as item', 'item.product_id', 'products.id')
    .where('products.business_id', '=', scope.businessId)
    .where('products.mode', '=', scope.mode);

/** Items joined with their products, as one query for a whole tree (or for the items just added). */
const itemsWithProducts = (db: Executor, scope: Scope) =>
  db
    .selectFrom('product_collection_items as item')
    .innerJoin('products as product', 'product.id', 'item.product_id')
    .where('item.business_id', '=', scope.businessId)
    .where('item.mode', '=', scope.mode)
    .select([
      'item.id',
      'item.group_id',
      'item.status',
      'item.position',
      'product.id as product_id',
      'product.name',
      'product.description',
      'product.price',
      'product.is_recurring',
      'product.tax_category',
      'product.license_key_enabled',
      'product.addons',
      'product.digital_product_delivery',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('product_credit_entitlements as link')
            .select('link.id')
            .whereRef('link.product_id', '=', 'product.id'),
        )
        .as('has_credit_entitlements'),
    )
    .orderBy('item.group_id')
    .orderBy('item.position');

/** The products of this business and mode among `ids` (unknown ids are simply absent). */
export async function findCandidates(db: Executor, scope: Scope, ids: readonly string[]): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const part of batches(ids)) {
    found.push(
      ...(await products(db, scope)
        .select(['products.id', 'products.brand_id', 'products.archived', 'item.collection_id'])
        .where('products.id', 'in', part)
        .execute()),
    );
  }
  return found;
}

/** Every item of the collection with its product's current fields, in display order within each group. */
export async function listCollectionItems(
  db: Executor,
  scope: Scope,
  collectionId: string,
): Promise<ItemWithProduct[]> {
  return selectRows(db, itemsWithProducts(db, scope).where('item.collection_id', '=', collectionId));
}

/** The given items with their products' current fields. */
export async function listItemsById(db: Executor, scope: Scope, ids: readonly string[]): Promise<ItemWithProduct[]> {
  const found: ItemWithProduct[] = [];
  for (const part of batches(ids)) {
    found.push(...(await itemsWithProducts(db, scope).where('item.id', 'in', part).execute()));
  }
  return found;
}

/** Products in the collection whose brand is not `brandId`. */
export async function productsOfOtherBrands(
  db: Executor,
  scope: Scope,
  collectionId: string,
  brandId: string,
): Promise<string[]> {
  const rows = await products(db, scope)
    .select('products.id')
    .where('item.collection_id', '=', collectionId)
    .where('products.brand_id', '!=', brandId)
    .execute();
  return rows.map((row) => row.id);
}

/** Items of the collection whose products are archived. */
export async function itemsOfArchivedProducts(
  db: Executor,
  scope: Scope,
  collectionId: string,
): Promise<ItemWithProduct[]> {
  return itemsWithProducts(db, scope)
    .where('item.collection_id', '=', collectionId)
    .where('product.archived', '=', 1)
    .execute();
}
