import type { Insertable } from 'kysely';
import { createApiKey, createBusiness } from '../../src/accounts/service.ts';
import { type Database, migrate, openDatabase } from '../../src/db/database.ts';
import type {
  ProductCollectionGroupsTable,
  ProductCollectionItemsTable,
  ProductCollectionsTable,
  ProductsTable,
} from '../../src/db/schema.ts';
import { newId, newUuid } from '../../src/lib/ids.ts';
import { Progress } from './progress.ts';

/** Rows per INSERT (23 columns × 1,000 stays under both drivers' parameter limits) and per transaction. */
const ROWS_PER_INSERT = 1000;
const ROWS_PER_TRANSACTION = 5000;

/** The collection every size gets, retrieved by the scale table: 10 groups of 100 items. */
export const BIG_COLLECTION = { groups: 10, itemsPerGroup: 100 };
/** The rest of the collections are small (2 groups of 5), and hold a tenth of all products between them. */
const SMALL_COLLECTION = { groups: 2, itemsPerGroup: 5 };
const SHARE_IN_COLLECTIONS = 0.1;

export interface Generated {
  key: string;
  /** A sample of product ids spread over the whole table, for GET by id. */
  sampleProductIds: string[];
  bigCollectionId: string;
  smallCollectionId: string | undefined;
  collections: number;
}

function product(business: string, n: number, at: string): Insertable<ProductsTable> {
  const recurring = n % 2 === 1;
  const price = recurring
    ? {
        type: 'recurring_price',
        price: 2000 + (n % 1000),
        currency: 'USD',
        discount: 0,
        purchasing_power_parity: false,
        payment_frequency_count: 1,
        payment_frequency_interval: 'Month',
        subscription_period_count: 1,
        subscription_period_interval: 'Year',
      }
    : {
        type: 'one_time_price',
        price: 1500 + (n % 1000),
        currency: 'USD',
        discount: 0,
        purchasing_power_parity: false,
      };
  return {
    id: newId('product'),
    business_id: business,
    mode: 'test',
    brand_id: business,
    name: `Plan ${n}`,
    description: `Benchmark product number ${n}, with a description of a realistic length.`,
    image_id: null,
    price: JSON.stringify(price),
    price_type: price.type,
    is_recurring: recurring ? 1 : 0,
    tax_category: recurring ? 'saas' : 'e_book',
    metadata: JSON.stringify({ tier: String(n % 5), source: 'bench' }),
    addons: null,
    license_key_enabled: 0,
    license_key_activation_message: null,
    license_key_activations_limit: null,
    license_key_duration: null,
    digital_product_delivery: null,
    pricing_mode: null,
    archived: 0,
    created_at: at,
    updated_at: at,
  };
}

/** Timestamps one millisecond apart, so that "newest first" is the reverse of insertion, as in real use. */
function timestamp(start: number, n: number): string {
  return new Date(start + n).toISOString();
}

async function insertProducts(database: Database, business: string, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  const start = Date.now() - count - 60_000;
  const progress = new Progress(`products ${count.toLocaleString('en-US')}`, count);
  for (let done = 0; done < count; done += ROWS_PER_TRANSACTION) {
    await database.transaction(async (trx) => {
      const end = Math.min(count, done + ROWS_PER_TRANSACTION);
      for (let from = done; from < end; from += ROWS_PER_INSERT) {
        const rows = [];
        for (let n = from; n < Math.min(end, from + ROWS_PER_INSERT); n++) {
          const row = product(business, n, timestamp(start, n));
          ids[n] = row.id;
          rows.push(row);
        }
        await trx.insertInto('products').values(rows).execute();
        progress.tick(rows.length);
      }
    });
  }
  progress.done();
  return ids;
}

interface CollectionRows {
  collection: Insertable<ProductCollectionsTable>;
  groups: Insertable<ProductCollectionGroupsTable>[];
  items: Insertable<ProductCollectionItemsTable>[];
}

function collection(business: string, n: number, shape: typeof BIG_COLLECTION, members: string[]): CollectionRows {
  const at = new Date().toISOString();
  const id = newId('collection');
  const groups: Insertable<ProductCollectionGroupsTable>[] = [];
  const items: Insertable<ProductCollectionItemsTable>[] = [];
  for (let g = 0; g < shape.groups; g++) {
    const group = newUuid();
    groups.push({
      id: group,
      business_id: business,
      mode: 'test',
      collection_id: id,
      name: `Group ${g}`,
      status: 1,
      position: g,
    });
    for (let i = 0; i < shape.itemsPerGroup; i++) {
      const productId = members[g * shape.itemsPerGroup + i];
      if (productId === undefined) break;
      items.push({
        id: newUuid(),
        business_id: business,
        mode: 'test',
        collection_id: id,
        group_id: group,
        product_id: productId,
        status: 1,
        position: i,
      });
    }
  }
  const collectionRow: Insertable<ProductCollectionsTable> = {
    id,
    business_id: business,
    mode: 'test',
    brand_id: business,
    name: `Collection ${n}`,
    description: `Benchmark collection number ${n}`,
    image_id: null,
    effective_at_on_upgrade: null,
    effective_at_on_downgrade: null,
    on_payment_failure: null,
    proration_billing_mode_on_upgrade: null,
    proration_billing_mode_on_downgrade: null,
    archived: 0,
    created_at: at,
    updated_at: at,
  };
  return { collection: collectionRow, groups, items };
}

async function insertCollections(database: Database, rows: CollectionRows[]): Promise<void> {
  const progress = new Progress(`collections ${rows.length.toLocaleString('en-US')}`, rows.length);
  const perTransaction = 200;
  for (let from = 0; from < rows.length; from += perTransaction) {
    const chunk = rows.slice(from, from + perTransaction);
    await database.transaction(async (trx) => {
      await trx
        .insertInto('product_collections')
        .values(chunk.map((c) => c.collection))
        .execute();
      await trx
        .insertInto('product_collection_groups')
        .values(chunk.flatMap((c) => c.groups))
        .execute();
      const items = chunk.flatMap((c) => c.items);
      for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('product_collection_items')
          .values(items.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
    });
    progress.tick(chunk.length);
  }
  progress.done();
}

/**
 * Fills a new database with one business holding `count` products and its collections, writing rows
 * straight through Kysely in large transactions: the HTTP API would take hours for a million products.
 */
export async function generate(databaseUrl: string, count: number): Promise<Generated> {
  const database = openDatabase(databaseUrl);
  try {
    await migrate(database);
    const business = await createBusiness(database, 'bench');
    const { key } = await createApiKey(database.db, business.business_id, 'test');
    const ids = await insertProducts(database, business.business_id, count);

    const bigSize = BIG_COLLECTION.groups * BIG_COLLECTION.itemsPerGroup;
    const rows = [collection(business.business_id, 0, BIG_COLLECTION, ids.slice(0, bigSize))];
    const smallSize = SMALL_COLLECTION.groups * SMALL_COLLECTION.itemsPerGroup;
    const inSmall = Math.floor(count * SHARE_IN_COLLECTIONS);
    for (let from = bigSize; from + smallSize <= bigSize + inSmall && from + smallSize <= count; from += smallSize) {
      rows.push(collection(business.business_id, rows.length, SMALL_COLLECTION, ids.slice(from, from + smallSize)));
    }
    await insertCollections(database, rows);

    const step = Math.max(1, Math.floor(count / 2000));
    return {
      key,
      sampleProductIds: ids.filter((_, n) => n % step === 0),
      bigCollectionId: rows[0]!.collection.id,
      smallCollectionId: rows[1]?.collection.id,
      collections: rows.length,
    };
  } finally {
    await database.close();
  }
}
