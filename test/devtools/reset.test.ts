import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { type Kysely, sql } from 'kysely';
import { filesystemStore } from '../../src/blobs/filesystem.ts';
import { migrate, openDatabase } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { CATALOG_TABLES, KEPT_TABLES } from '../../src/devtools/reset.ts';
import { addon, creditEntitlement, entitlement, meter } from '../support/catalog-factories.ts';
import { availableStores, freshDatabase } from '../support/databases.ts';
import { oneTimeProduct, recurringProduct } from '../support/factories.ts';
import { useServer } from '../support/server.ts';
import { uploadedImage } from '../support/uploads.ts';

/** Tables the migration tool keeps for itself. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

async function tableNames(db: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`;
  const { rows } = await query.execute(db);
  return rows.map((r) => r.name).sort();
}

for (const store of availableStores) {
  // A migration that adds a table must say here whether a reset empties it: catalog rows (CATALOG_TABLES) or not.
  test(`every table the migrations create is either emptied by a reset or kept on purpose (${store})`, async () => {
    const testDatabase = await freshDatabase(store);
    const database = openDatabase(testDatabase.url, { max: 1 });
    try {
      await migrate(database);
      const tables = await tableNames(database.db, database.dialect);
      const classified: string[] = [...CATALOG_TABLES, ...KEPT_TABLES, ...MIGRATOR_TABLES];
      assert.deepEqual(
        tables.filter((t) => !classified.includes(t)),
        [],
        'tables in neither list: add each to CATALOG_TABLES or KEPT_TABLES in src/devtools/reset.ts',
      );
      assert.deepEqual(
        classified.filter((t) => !tables.includes(t)),
        [],
        'listed but not created by any migration',
      );
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });
}

/** One row or more in every catalog table, through the SDK. */
async function seedEveryCatalogTable(client: DodoPayments): Promise<void> {
  // An Idempotency-Key keeps the answer: a replay after a reset must not name a brand that is gone.
  const brand = await client.brands.create({ name: 'Second brand' }, { headers: { 'Idempotency-Key': 'reset-seed' } });
  await client.brands.update(brand.brand_id, { description: 'to go' });
  const credits = await client.creditEntitlements.create(creditEntitlement());
  const feature = await client.entitlements.create(entitlement());
  const extra = await client.addons.create(addon());
  await client.meters.create(meter());
  const product = await client.products.create(
    recurringProduct({
      addons: [extra.id],
      credit_entitlements: [{ credit_entitlement_id: credits.id, credits_amount: '10' }],
      entitlements: [{ entitlement_id: feature.id }],
      pricing_mode: 'by_currency',
    }),
  );
  await client.products.localizedPrices.create(product.product_id, { currency: 'EUR', amount: 1400 });
  await client.products.shortLinks.create(product.product_id, { slug: 'reset-me' });
  await client.products.images.update(product.product_id, { force_update: true });
  const other = await client.products.create(oneTimeProduct({ name: 'In a collection' }));
  await client.productCollections.create({
    name: 'Plans',
    groups: [{ group_name: 'Main', products: [{ product_id: other.product_id }] }],
  });
}

describe('POST /_pricebook/reset', () => {
  const server = useServer();

  async function rowsOf(businessId: string, mode: 'test' | 'live'): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of CATALOG_TABLES) {
      const row = await server()
        .database.db.selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('business_id', '=', businessId)
        .where('mode', '=', mode)
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  test('empties every catalog table of the business in test mode; its primary brand, keys and live mode stay', async () => {
    const { businessId } = server();
    const client = server().client();
    const live = server().client((await server().keyFor(businessId, 'live')).key);
    await seedEveryCatalogTable(client);
    await live.products.create(oneTimeProduct({ name: 'Live product' }));
    const seeded = await rowsOf(businessId, 'test');
    assert.deepEqual(
      Object.entries(seeded).filter(([, n]) => n === 0),
      [],
      'the seed reaches every catalog table, so the reset below is checked on each',
    );

    const reset = await server().request('POST', '/_pricebook/reset');
    assert.equal(reset.status, 200);
    assert.deepEqual(reset.json, { business_id: businessId, mode: 'test' });

    const left = await rowsOf(businessId, 'test');
    assert.deepEqual(left, { ...Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])), brands: 1 });
    const brands = await client.brands.list();
    assert.deepEqual(
      brands.items.map((b) => b.brand_id),
      [businessId],
      'only the primary brand is left',
    );
    assert.deepEqual((await client.products.list()).items, [], 'the same key still works');
    assert.deepEqual(
      (await live.products.list()).items.map((p) => p.name),
      ['Live product'],
      'live mode is untouched',
    );
    assert.ok((await client.products.create(oneTimeProduct())).product_id, 'the emptied catalog takes new rows');
  });

  test("another business's catalog is untouched by a reset", async () => {
    const tenant = await server().newTenant('test');
    await tenant.client.products.create(oneTimeProduct({ name: 'Theirs' }));
    assert.equal((await server().request('POST', '/_pricebook/reset')).status, 200);
    assert.deepEqual(
      (await tenant.client.products.list()).items.map((p) => p.name),
      ['Theirs'],
    );
  });

  test('a live key cannot reset: 403 TEST_MODE_ONLY, and nothing is deleted', async () => {
    const { businessId } = server();
    const liveKey = (await server().keyFor(businessId, 'live')).key;
    const live = server().client(liveKey);
    await live.products.create(oneTimeProduct({ name: 'Kept' }));
    const refused = await server().request('POST', '/_pricebook/reset', { key: liveKey });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'TEST_MODE_ONLY');
    assert.ok((await live.products.list()).items.some((p) => p.name === 'Kept'));
  });

  test('without a key: 401', async () => {
    assert.equal((await server().request('POST', '/_pricebook/reset', { key: null })).status, 401);
  });
});

describe('POST /_pricebook/reset and uploaded bytes', () => {
  let blobRoot = '';
  const server = useServer({
    blobs: (dataDir) => {
      blobRoot = join(dataDir, 'blobs');
      return filesystemStore(blobRoot);
    },
  });

  async function uploadImage(client: DodoPayments): Promise<string> {
    const product = await client.products.create(oneTimeProduct());
    const issued = await client.products.images.update(product.product_id, { force_update: true });
    return uploadedImage({ url: String(issued.url), image_id: String(issued.image_id) });
  }

  test("removes the test mode's uploaded files from the blob store, and leaves live mode's", async () => {
    const test = await uploadImage(server().client());
    const live = await uploadImage(server().client((await server().keyFor(server().businessId, 'live')).key));
    assert.ok(existsSync(join(blobRoot, 'images', test)), 'the upload is on disk');
    assert.equal((await server().request('POST', '/_pricebook/reset')).status, 200);
    assert.ok(!existsSync(join(blobRoot, 'images', test)), 'the reset removed its bytes');
    assert.ok(existsSync(join(blobRoot, 'images', live)), 'live mode keeps its bytes');
  });
});
