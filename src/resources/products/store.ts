import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, json, jsonOrNull, storedFlag, storedJson, storedJsonOrNull } from '../../db/columns.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { jsonRows } from '../../db/json-arrays.ts';
import { thenCommit } from '../../db/pg-statements.ts';
import { prepared, type Slots, scopeSlots } from '../../db/prepared.ts';
import type { DB, Mode, ProductsTable } from '../../db/schema.ts';
import { decodeSummaries, type EntitlementSummaryRow } from '../entitlements/api.ts';
import {
  type CreditEntitlementLink,
  creditEntitlementIdsColumn,
  creditEntitlementLinksColumn,
  decodeCreditEntitlementLinks,
  entitlementLinksColumn,
} from './attachments-store.ts';
import type { Price } from './price-schema.ts';
import type { LicenseKeyDuration, Product } from './schema.ts';

type Stored = Selectable<ProductsTable>;

/** What `digital_product_delivery` holds: uploaded file ids, not their download URLs. */
export interface StoredDelivery {
  external_url: string | null;
  instructions: string | null;
  files: string[];
}

/** The columns whose stored form (0/1, JSON text, plain text) differs from the value the domain uses. */
interface Decoded {
  price: Price;
  price_type: Price['type'];
  is_recurring: boolean;
  tax_category: Product['tax_category'];
  metadata: Product['metadata'];
  addons: string[] | null;
  license_key_enabled: boolean;
  license_key_duration: LicenseKeyDuration | null;
  digital_product_delivery: StoredDelivery | null;
  pricing_mode: Product['pricing_mode'];
  archived: boolean;
}

/** A product as the rest of Pricebook sees it. */
export type ProductRow = Omit<Stored, keyof Decoded> & Decoded;
export type NewProductRow = Omit<ProductRow, 'seq'>;
export type ProductChanges = Partial<Omit<ProductRow, 'id' | 'business_id' | 'mode' | 'seq' | 'created_at'>>;

function toStored(row: ProductChanges) {
  return {
    ...row,
    price: row.price && storedJson(row.price),
    is_recurring: row.is_recurring === undefined ? undefined : storedFlag(row.is_recurring),
    metadata: row.metadata && storedJson(row.metadata),
    addons: row.addons === undefined ? undefined : storedJsonOrNull(row.addons),
    license_key_enabled: row.license_key_enabled === undefined ? undefined : storedFlag(row.license_key_enabled),
    license_key_duration:
      row.license_key_duration === undefined ? undefined : storedJsonOrNull(row.license_key_duration),
    digital_product_delivery:
      row.digital_product_delivery === undefined ? undefined : storedJsonOrNull(row.digital_product_delivery),
    archived: row.archived === undefined ? undefined : storedFlag(row.archived),
  };
}

export async function insertProduct(db: Executor, row: NewProductRow): Promise<void> {
  await db
    .insertInto('products')
    .values(toStored(row) as Omit<Stored, 'seq'>)
    .execute();
}

/** A product with the collection whose group holds it, if any (read from its collection item). */
export type ProductRecord = ProductRow & { product_collection_id: string | null };
/** A product with what it links to. */
export type ProductWithLinks = ProductRecord & {
  credit_entitlement_links: CreditEntitlementLink[];
  entitlement_links: EntitlementSummaryRow[];
};

type StoredRecord = Stored & { product_collection_id: string | null };
type StoredLinks = { credit_entitlement_links: unknown; entitlement_links: unknown };

// Rows come fresh from the driver and are read on every GET and list: their columns are decoded in place, so
// that a row costs no second object. `Writable` views the same object with its domain types.
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The columns a list item and a product both show. */
function decodeShown(stored: Pick<Stored, ListColumn>): Writable<Pick<ProductRow, ListColumn>> {
  const row = stored as unknown as Writable<Pick<ProductRow, ListColumn>>;
  row.price = json<Price>(stored.price);
  row.is_recurring = flag(stored.is_recurring);
  row.metadata = json<Product['metadata']>(stored.metadata);
  return row;
}

function decodeRecord(stored: StoredRecord): ProductRecord {
  const row = decodeShown(stored) as Writable<ProductRecord>;
  row.addons = jsonOrNull<string[]>(stored.addons);
  row.license_key_enabled = flag(stored.license_key_enabled);
  row.license_key_duration = jsonOrNull<LicenseKeyDuration>(stored.license_key_duration);
  row.digital_product_delivery = jsonOrNull<StoredDelivery>(stored.digital_product_delivery);
  row.archived = flag(stored.archived);
  return row;
}

/** The products of the caller's business and mode; from a prepared query, `scopeSlots` gives the scope. */
export const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('products').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

type ProductKey = { businessId: string; mode: string; id: string };

/** One product by its key, with the collection whose group holds it. */
function productWithCollection(db: Executor, slots: Slots<ProductKey>) {
  return scoped(db, scopeSlots(slots))
    .selectAll('products')
    .select((eb) =>
      eb
        .selectFrom('product_collection_items as item')
        .select('item.collection_id')
        .whereRef('item.product_id', '=', 'products.id')
        .as('product_collection_id'),
    )
    .where('id', '=', slots.text('id'));
}

// Every reference check reads one product: compiled once per lock, not built each time. The locks are
// PostgreSQL's (see db/row-locks.ts); a transaction on SQLite reads without one.
const productQueries = {
  none: prepared<ProductKey, StoredRecord>((db, slots) => productWithCollection(db, slots)),
  reliance: prepared<ProductKey, StoredRecord>((db, slots) => productWithCollection(db, slots).forShare()),
};

// GET reads the product and its links in one statement: on SQLite each statement also pays for its read lock.
const productWithLinks = prepared<ProductKey, StoredRecord & StoredLinks>((db, slots) =>
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
  const [stored] = await productWithLinks(db, { businessId: scope.businessId, mode: scope.mode, id });
  if (!stored) return undefined;
  const row = decodeRecord(stored) as Writable<ProductWithLinks>;
  row.credit_entitlement_links = decodeCreditEntitlementLinks(stored.credit_entitlement_links);
  row.entitlement_links = decodeSummaries(stored.entitlement_links);
  return row;
}

export async function findProduct(db: Executor, scope: Scope, id: string): Promise<ProductRecord | undefined> {
  const [row] = await productQueries.none(db, { businessId: scope.businessId, mode: scope.mode, id });
  return row && decodeRecord(row);
}

// A PATCH checks the new price against the product's credit entitlements: they are read with the product, under
// its lock, in one statement (on PostgreSQL a round trip of the five a PATCH took).
const withCreditIds = (locked: boolean) =>
  prepared<ProductKey, StoredRecord & { credit_entitlement_ids: unknown }>((db, slots) => {
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
  // Not `{ ...decoded, creditEntitlementIds }`: on Node 20, a spread followed by a property the source lacks makes
  // a new hidden class for every object, each left in V8's old generation (bench/RESULTS.md, RSS after a load).
  const record = decodeRecord(product) as ProductRecord & { creditEntitlementIds: string[] };
  record.creditEntitlementIds = jsonRows<{ id: string }>(credit_entitlement_ids).map((r) => r.id);
  return record;
}

/** The product, held until `tx` ends by a transaction that relies on it without changing it. */
export async function holdProduct(tx: Tx, scope: Scope, id: string): Promise<ProductRecord | undefined> {
  const query = tx.dialect === 'postgres' ? productQueries.reliance : productQueries.none;
  const [row] = await query(tx, { businessId: scope.businessId, mode: scope.mode, id });
  return row && decodeRecord(row);
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
    .set({ archived: storedFlag(archived), updated_at: at })
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .where('archived', '=', storedFlag(!archived))
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

type ListColumn = (typeof LIST_COLUMNS)[number];
export type ListedProduct = Pick<ProductRow, ListColumn> & { entitlement_links: EntitlementSummaryRow[] };

/** A row as a list item shows it: `listed`'s columns. */
export type ListedStored = Pick<Stored, ListColumn> & { entitlement_links: unknown };

/** The columns of a list item, with its entitlements, selected on `query`. */
export const listed = (query: SelectQueryBuilder<DB, 'products', object>, db: Executor) =>
  query.select(LIST_COLUMNS).select(entitlementLinksColumn(db).as('entitlement_links'));

/** Decodes rows of `listed`'s columns in place. */
export function decodeListed(rows: ListedStored[]): ListedProduct[] {
  for (const stored of rows) {
    const row = decodeShown(stored) as Writable<ListedProduct>;
    row.entitlement_links = decodeSummaries(stored.entitlement_links);
  }
  return rows as unknown as ListedProduct[];
}

/** The columns a PATCH may change, as stored. */
type Editable = Omit<Stored, 'id' | 'business_id' | 'mode' | 'seq' | 'created_at'>;
const EDITABLE = [
  'brand_id',
  'name',
  'description',
  'image_id',
  'price',
  'price_type',
  'is_recurring',
  'tax_category',
  'metadata',
  'addons',
  'license_key_enabled',
  'license_key_activation_message',
  'license_key_activations_limit',
  'license_key_duration',
  'digital_product_delivery',
  'pricing_mode',
  'archived',
  'updated_at',
] as const satisfies readonly (keyof Editable)[];

// Every editable column, whatever the PATCH changed: one statement compiled once, where building the UPDATE of
// just the changed columns through Kysely was a tenth of a PATCH's CPU.
const saveQuery = prepared<Editable & ProductKey, never>((db, slots) =>
  thenCommit(
    db
      .updateTable('products')
      .set(Object.fromEntries(EDITABLE.map((column) => [column, slots.value(column)])) as Editable)
      .where('business_id', '=', slots.text('businessId'))
      .where('mode', '=', slots.text('mode') as Mode)
      .where('id', '=', slots.text('id')),
  ),
);

/**
 * Writes every editable column of a product that `tx` has locked (`lockProduct`), as the last statement of `tx`:
 * on PostgreSQL its COMMIT goes with it (thenCommit).
 */
export async function saveProductLast(tx: Tx, scope: Scope, product: ProductRow): Promise<void> {
  const stored = toStored(product) as Stored;
  const columns = Object.fromEntries(EDITABLE.map((column) => [column, stored[column]])) as Editable;
  await saveQuery(tx, { businessId: scope.businessId, mode: scope.mode, id: product.id, ...columns });
}

export async function updateProduct(db: Executor, scope: Scope, id: string, changes: ProductChanges): Promise<void> {
  await db
    .updateTable('products')
    .set(toStored(changes))
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
