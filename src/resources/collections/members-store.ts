import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import { flag, json, jsonOrNull, storedFlag } from '../../db/columns.ts';
import type { Executor } from '../../db/database.ts';
import { prepared, scopeSlots } from '../../db/prepared.ts';
import type { StoredDelivery } from '../products/api.ts';
import type { Price } from '../products/price-schema.ts';
import type { ProductCollectionProduct } from './groups-schema.ts';

// Queries that read items together with their products: what an item shows, and what the rules on
// membership (brand, archived, one collection per product) look at.

/** What the rules need to know about a product that is to join a collection. */
export interface Candidate {
  id: string;
  brand_id: string;
  archived: boolean;
  /** The collection that already holds it, if any. */
  collection_id: string | null;
}

/** An item with the fields of its product that the item shows. */
export interface ItemWithProduct {
  id: string;
  group_id: string;
  status: boolean;
  position: number;
  product_id: string;
  name: string;
  description: string | null;
  price: Price;
  is_recurring: boolean;
  tax_category: ProductCollectionProduct['tax_category'];
  license_key_enabled: boolean;
  addons: string[] | null;
  digital_product_delivery: StoredDelivery | null;
  has_credit_entitlements: boolean;
}

/** As the query returns it: flags as 0/1 (`has_credit_entitlements` is a boolean on PostgreSQL), JSON as text. */
interface StoredItem {
  status: number;
  price: string;
  is_recurring: number;
  license_key_enabled: number;
  addons: string | null;
  digital_product_delivery: string | null;
  has_credit_entitlements: boolean | 0 | 1;
}

/** Decodes fresh rows in place: a collection's whole tree is read on every GET. */
function decodeItems(rows: readonly StoredItem[]): ItemWithProduct[] {
  for (const stored of rows) {
    const item = stored as unknown as ItemWithProduct;
    item.status = flag(stored.status);
    item.price = json<Price>(stored.price);
    item.is_recurring = flag(stored.is_recurring);
    item.license_key_enabled = flag(stored.license_key_enabled);
    item.addons = jsonOrNull<string[]>(stored.addons);
    item.digital_product_delivery = jsonOrNull<StoredDelivery>(stored.digital_product_delivery);
    item.has_credit_entitlements = Boolean(stored.has_credit_entitlements);
  }
  return rows as unknown as ItemWithProduct[];
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
    const rows = await products(db, scope)
      .select(['products.id', 'products.brand_id', 'products.archived', 'item.collection_id'])
      .where('products.id', 'in', part)
      .execute();
    found.push(...rows.map((row) => ({ ...row, archived: flag(row.archived) })));
  }
  return found;
}

/** Every item of the collection with its product's current fields, in display order within each group. */
export async function listCollectionItems(
  db: Executor,
  scope: Scope,
  collectionId: string,
): Promise<ItemWithProduct[]> {
  return decodeItems(await itemsOfCollection(db, { businessId: scope.businessId, mode: scope.mode, collectionId }));
}

// A collection's whole tree, read by every GET of it: compiled once.
const itemsOfCollection = prepared<{ businessId: string; mode: string; collectionId: string }, StoredItem>(
  (db, slots) => itemsWithProducts(db, scopeSlots(slots)).where('item.collection_id', '=', slots.text('collectionId')),
);

/** The given items with their products' current fields. */
export async function listItemsById(db: Executor, scope: Scope, ids: readonly string[]): Promise<ItemWithProduct[]> {
  const found: ItemWithProduct[] = [];
  for (const part of batches(ids)) {
    found.push(...decodeItems(await itemsWithProducts(db, scope).where('item.id', 'in', part).execute()));
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
  const rows = await itemsWithProducts(db, scope)
    .where('item.collection_id', '=', collectionId)
    .where('product.archived', '=', storedFlag(true))
    .execute();
  return decodeItems(rows);
}
