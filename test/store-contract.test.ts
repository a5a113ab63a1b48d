import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { bootstrap, createApiKey, createBusiness, listBusinesses } from '../src/accounts/service.ts';
import type { Scope } from '../src/context.ts';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { forChange } from '../src/db/row-locks.ts';
import { violates } from '../src/db/unique-violations.ts';
import * as collections from '../src/resources/collections/store.ts';
import * as productLists from '../src/resources/products/lists-store.ts';
import * as products from '../src/resources/products/store.ts';
import { availableStores, freshDatabase, type TestDatabase } from './support/databases.ts';

// The guarantees every store gives, run against each store this run can reach. On PostgreSQL two handles on
// one database stand for two server processes. On SQLite the second "process" is the same handle:
// better-sqlite3 blocks its thread while it waits for a lock, so two handles in one process would wait on
// each other; SQLite across real processes is covered by test/multi-process.test.ts.

function productRow(scope: Scope, id: string, name = id): products.NewProductRow {
  const at = new Date().toISOString();
  return {
    id,
    business_id: scope.businessId,
    mode: scope.mode,
    brand_id: scope.businessId,
    name,
    description: null,
    image_id: null,
    price: { type: 'one_time_price', price: 100, currency: 'USD', discount: 0, purchasing_power_parity: false },
    price_type: 'one_time_price',
    is_recurring: false,
    tax_category: 'saas',
    metadata: {},
    addons: null,
    license_key_enabled: false,
    license_key_activation_message: null,
    license_key_activations_limit: null,
    license_key_duration: null,
    digital_product_delivery: null,
    pricing_mode: null,
    archived: false,
    created_at: at,
    updated_at: at,
  };
}

for (const kind of availableStores) {
  // With one handle, the driver's own queue already runs its transactions one after another, so a test of the
  // locks between processes would pass with the locks gone: on SQLite those are tested across real processes.
  const oneHandle =
    kind === 'sqlite' &&
    'SQLite runs one transaction per handle at a time; test/multi-process.test.ts covers its locks';
  describe(`store contract: ${kind}`, () => {
    let testDb: TestDatabase;
    let one: Database;
    let two: Database;
    let scope: Scope;
    let otherMode: Scope;

    before(async () => {
      testDb = await freshDatabase(kind);
      one = openDatabase(testDb.url);
      two = kind === 'postgres' ? openDatabase(testDb.url) : one;
      await migrate(one);
      const business = await createBusiness(one, 'contract');
      scope = { businessId: business.business_id, mode: 'test' };
      otherMode = { ...scope, mode: 'live' };
    });
    after(async () => {
      await one.close();
      if (two !== one) await two.close();
      await testDb.drop();
    });

    test('rows are seen only in their own business and mode', async () => {
      await products.insertProduct(one.db, productRow(scope, 'pdt_contract_scoped'));
      assert.ok(await products.findProduct(two.db, scope, 'pdt_contract_scoped'));
      assert.equal(await products.findProduct(two.db, otherMode, 'pdt_contract_scoped'), undefined);
      const other = await createBusiness(one, 'other');
      const stranger: Scope = { businessId: other.business_id, mode: 'test' };
      assert.equal(await products.findProduct(two.db, stranger, 'pdt_contract_scoped'), undefined);
      await products.updateProduct(two.db, stranger, 'pdt_contract_scoped', { name: 'stolen' });
      assert.equal((await products.findProduct(one.db, scope, 'pdt_contract_scoped'))?.name, 'pdt_contract_scoped');
    });

    test('lists come newest first in insertion order, and pages do not overlap', async () => {
      const ids = Array.from({ length: 7 }, (_, i) => `pdt_contract_order_${i}`);
      for (const id of ids) await products.insertProduct(one.db, productRow(otherMode, id));
      const page = (offset: number) =>
        productLists
          .listProducts(two.db, otherMode, { archived: false }, { limit: 3, offset })
          .then((r) => r.map((p) => p.id));
      assert.deepEqual([...(await page(0)), ...(await page(3)), ...(await page(6))], [...ids].reverse());
      const idsOf = (offset: number) =>
        productLists.listProductIds(two.db, otherMode, { archived: false }, { limit: 3, offset });
      assert.deepEqual([...(await idsOf(0)), ...(await idsOf(3)), ...(await idsOf(6))], [...ids].reverse());
    });

    test("a list's items read after its ids leave out those a write since took off the list", async () => {
      const ids = ['pdt_contract_listed_0', 'pdt_contract_listed_1'];
      for (const id of ids) await products.insertProduct(one.db, productRow(scope, id));
      const active = { archived: false };
      const listed = await productLists.listProductIds(two.db, scope, active, { limit: 2, offset: 0 });
      assert.deepEqual(listed, [...ids].reverse());
      await products.setArchived(one.db, scope, ids[0]!, true, '2026-01-01T00:00:00.000Z');
      const rows = await productLists.findListedProducts(two.db, scope, active, listed);
      assert.deepEqual(
        rows.map((row) => row.id),
        [ids[1]],
      );
      // The other filters a list may have: the product is one-time, of the business's own brand.
      const admitted = async (filter: productLists.ProductFilter) =>
        (await productLists.findListedProducts(two.db, scope, filter, [ids[1]!])).length === 1;
      assert.equal(await admitted({ archived: false, recurring: false }), true);
      assert.equal(await admitted({ archived: false, recurring: true }), false);
      assert.equal(await admitted({ archived: false, brandId: scope.businessId }), true);
      assert.equal(await admitted({ archived: false, brandId: 'brnd_other' }), false);
    });

    test("a list's collections read after its ids leave out those a write since took off the list", async () => {
      const at = new Date().toISOString();
      const ids = ['pcl_contract_listed_0', 'pcl_contract_listed_1'];
      for (const id of ids) {
        await collections.insertCollection(one.db, {
          id,
          business_id: scope.businessId,
          mode: scope.mode,
          brand_id: scope.businessId,
          name: id,
          description: null,
          image_id: null,
          effective_at_on_upgrade: null,
          effective_at_on_downgrade: null,
          on_payment_failure: null,
          proration_billing_mode_on_upgrade: null,
          proration_billing_mode_on_downgrade: null,
          archived: false,
          created_at: at,
          updated_at: at,
        });
      }
      const active = { archived: false };
      const listed = await collections.listCollectionIds(two.db, scope, active, { limit: 2, offset: 0 });
      assert.deepEqual(listed, [...ids].reverse());
      await collections.updateCollection(one.db, scope, ids[0]!, { archived: true });
      const rows = await collections.findListedCollections(two.db, scope, active, listed);
      assert.deepEqual(
        rows.map((row) => row.id),
        [ids[1]],
      );
      const admitted = async (brandId: string) =>
        (await collections.findListedCollections(two.db, scope, { archived: false, brandId }, [ids[1]!])).length === 1;
      assert.equal(await admitted(scope.businessId), true);
      assert.equal(await admitted('brnd_other'), false);
    });

    test('a transaction that fails half-way leaves nothing behind', async () => {
      await assert.rejects(
        one.transaction(async (trx) => {
          await products.insertProduct(trx, productRow(scope, 'pdt_contract_rolled_back'));
          throw new Error('second write failed');
        }),
        /second write failed/,
      );
      assert.equal(await products.findProduct(two.db, scope, 'pdt_contract_rolled_back'), undefined);
    });

    test('transactions asked for at once each commit or roll back on their own', async () => {
      const ids = Array.from({ length: 12 }, (_, i) => `pdt_contract_together_${i}`);
      const outcomes = await Promise.allSettled(
        ids.map((id, i) =>
          one.transaction(async (trx) => {
            await products.insertProduct(trx, productRow(scope, id));
            if (i % 3 === 1) throw new Error(`write ${i} failed`);
            return id;
          }),
        ),
      );
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        ids.map((id, i) => (i % 3 === 1 ? `write ${i} failed` : id)),
      );
      const stored = await Promise.all(ids.map((id) => products.findProduct(two.db, scope, id)));
      assert.deepEqual(
        stored.map((p) => p?.id),
        ids.map((id, i) => (i % 3 === 1 ? undefined : id)),
      );
    });

    test('a shared transaction says what it changed only when every member that committed said', {
      skip: kind !== 'sqlite' && 'nothing is kept on PostgreSQL: its transactions say nothing',
    }, async () => {
      const heard: string[][] = [];
      const stop = one.onChanged?.((keys) => heard.push([...keys].sort()));
      const version = () => one.dataVersion?.();
      const write = (id: string, keys: string[] | null) =>
        one.transaction(async (trx) => {
          if (keys) trx.changed(...keys);
          await products.insertProduct(trx, productRow(scope, id));
        });
      try {
        const before = version();
        await Promise.all([write('pdt_contract_said_1', ['a']), write('pdt_contract_said_2', ['b', 'c'])]);
        assert.deepEqual(heard, [['a', 'b', 'c']]);
        assert.equal(version(), before, 'the pages that depend on other keys stay');
        // Asked for in the same turn, the two share one COMMIT: the one that said nothing may have changed anything.
        await Promise.all([write('pdt_contract_said_3', ['a']), write('pdt_contract_silent', null)]);
        assert.equal(heard.length, 1);
        assert.notEqual(version(), before, 'every page is dropped');
        // A statement of this process queued on the writer while the group held it runs once the COMMIT is told.
        const queued = version();
        let behind: Promise<void> | undefined;
        await one.transaction(async (trx) => {
          trx.changed('d');
          await products.insertProduct(trx, productRow(scope, 'pdt_contract_said_4'));
          behind = products.insertProduct(one.db, productRow(scope, 'pdt_contract_behind'));
        });
        await behind;
        assert.notEqual(version(), queued, 'the statement that followed the COMMIT drops every page');
      } finally {
        stop?.();
      }
    });

    test('a commit whose pages could not be dropped one by one is answered as done, and drops them all', {
      skip: kind !== 'sqlite' && 'nothing is kept on PostgreSQL: its transactions say nothing',
    }, async () => {
      const warnings: string[] = [];
      const warned = (warning: Error) => warnings.push(warning.message);
      process.on('warning', warned);
      const stop = one.onChanged?.(() => {
        throw new Error('listener failed');
      });
      try {
        const before = one.dataVersion?.();
        await one.transaction(async (trx) => {
          trx.changed('k');
          await products.insertProduct(trx, productRow(scope, 'pdt_contract_listener_failed'));
        });
        assert.equal(
          (await products.findProduct(two.db, scope, 'pdt_contract_listener_failed'))?.id,
          'pdt_contract_listener_failed',
        );
        assert.notEqual(one.dataVersion?.(), before, 'every page is dropped');
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(warnings, ['every kept page dropped after a commit: listener failed']);
      } finally {
        stop?.();
        process.off('warning', warned);
      }
    });

    test('a fault that ends a shared transaction answers none of its writes as done, nor a failure it caused', {
      skip: kind !== 'sqlite' && 'each PostgreSQL transaction has its own COMMIT',
    }, async () => {
      // The second write fails on the first one's row, which the fault then takes away: its "already exists"
      // would describe a row that never was.
      const ids = ['pdt_contract_lost', 'pdt_contract_lost', 'pdt_contract_lost_2'];
      const outcomes = await Promise.allSettled(
        ids.map((id, i) =>
          one.transaction(async (trx) => {
            await products.insertProduct(trx, productRow(scope, id));
            // What SQLite does on a full disk or an I/O error: the whole transaction is rolled back.
            if (i === 2) {
              await sql`rollback`.execute(trx);
              throw new Error('disk full');
            }
          }),
        ),
      );
      assert.deepEqual(
        outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).message),
        ['disk full', 'disk full', 'disk full'],
      );
      for (const id of ids) assert.equal(await products.findProduct(two.db, scope, id), undefined);
      await one.transaction((trx) => products.insertProduct(trx, productRow(scope, 'pdt_contract_after_loss')));
      assert.ok(await products.findProduct(two.db, scope, 'pdt_contract_after_loss'));
    });

    test('a read during an open write transaction neither waits for it nor sees its uncommitted rows', async () => {
      await products.insertProduct(one.db, productRow(scope, 'pdt_contract_snapshot', 'committed'));
      const blocked = () => new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 1000).unref());
      const readName = () =>
        Promise.race([products.findProduct(two.db, scope, 'pdt_contract_snapshot').then((p) => p?.name), blocked()]);
      const readListed = () =>
        Promise.race([
          productLists
            .listProducts(two.db, scope, { archived: false }, { limit: 100, offset: 0 })
            .then((rows) => rows.find((p) => p.id === 'pdt_contract_snapshot')?.name),
          blocked(),
        ]);
      // How a kept list reads it: the page's ids, then the items not kept.
      const readInParts = () =>
        Promise.race([
          productLists
            .listProductIds(two.db, scope, { archived: false }, { limit: 100, offset: 0 })
            .then((ids) => productLists.findListedProducts(two.db, scope, { archived: false }, ids))
            .then((rows) => rows.find((p) => p.id === 'pdt_contract_snapshot')?.name),
          blocked(),
        ]);
      await one.transaction(async (trx) => {
        await products.updateProduct(trx, scope, 'pdt_contract_snapshot', { name: 'uncommitted' });
        assert.equal(await readName(), 'committed');
        assert.equal(await readListed(), 'committed');
        assert.equal(await readInParts(), 'committed');
      });
      assert.equal(await readName(), 'uncommitted');
      assert.equal(await readListed(), 'uncommitted');
      assert.equal(await readInParts(), 'uncommitted');
    });

    test('a broken unique index is recognised, whichever driver reports it', async () => {
      const issued = await createApiKey(one.db, scope.businessId, 'test');
      const duplicate = one.db
        .insertInto('api_keys')
        .values({
          id: 'key_dup',
          business_id: scope.businessId,
          mode: 'test',
          key_hash: await hashOf(one, issued.key_id),
          key_prefix: 'x',
          read_only: 0,
          created_at: '',
          revoked_at: null,
        })
        .execute();
      const error = await duplicate.catch((e: unknown) => e);
      const index = { name: 'api_keys_key_hash_key', columns: ['api_keys.key_hash'] };
      assert.ok(violates(error, index), `not recognised: ${String(error)}`);
      assert.equal(violates(new Error('other'), index), false);
    });

    test('a row read under lock makes a second writer wait until the first commits', { skip: oneHandle }, async () => {
      await products.insertProduct(one.db, productRow(scope, 'pdt_contract_locked', 'v0'));
      const events: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const first = one.transaction(async (trx) => {
        await forChange(trx, trx.selectFrom('products').selectAll().where('id', '=', 'pdt_contract_locked')).execute();
        events.push('first locked');
        await held;
        await products.updateProduct(trx, scope, 'pdt_contract_locked', { name: 'v1' });
        events.push('first commits');
      });
      while (!events.includes('first locked')) await new Promise((r) => setTimeout(r, 5));
      const second = two.transaction(async (trx) => {
        const row = await forChange(
          trx,
          trx.selectFrom('products').selectAll().where('id', '=', 'pdt_contract_locked'),
        ).executeTakeFirstOrThrow();
        events.push(`second read ${row.name}`);
        await products.updateProduct(trx, scope, 'pdt_contract_locked', { name: `${row.name}+v2` });
      });
      await new Promise((r) => setTimeout(r, 100));
      release();
      await Promise.all([first, second]);
      assert.deepEqual(events, ['first locked', 'first commits', 'second read v1']);
      assert.equal((await products.findProduct(one.db, scope, 'pdt_contract_locked'))?.name, 'v1+v2', 'no lost update');
    });

    // SQLite has no server to close a connection.
    if (kind === 'postgres') {
      test('a connection the database server closes while idle is replaced, and the process goes on', async () => {
        await listBusinesses(one.db);
        await terminateOtherConnections(testDb.url);
        await new Promise((r) => setTimeout(r, 100));
        assert.ok((await listBusinesses(one.db)).length > 0);
      });
    }

    test('processes bootstrapping one empty database at once create one default business', {
      skip: oneHandle,
    }, async () => {
      const empty = await freshDatabase(kind);
      const first = openDatabase(empty.url);
      const handles =
        kind === 'postgres' ? [first, openDatabase(empty.url), openDatabase(empty.url)] : [first, first, first];
      try {
        await migrate(first);
        const results = await Promise.all(handles.map((h) => bootstrap(h)));
        assert.equal(results.filter(Boolean).length, 1);
        assert.equal((await listBusinesses(first.db)).length, 1);
      } finally {
        for (const h of new Set(handles)) await h.close();
        await empty.drop();
      }
    });
  });
}

/** What a restart of PostgreSQL does to this process's idle connections, done from outside. */
async function terminateOtherConnections(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
  } finally {
    await client.end();
  }
}

async function hashOf(database: Database, keyId: string): Promise<string> {
  const row = await database.db
    .selectFrom('api_keys')
    .select('key_hash')
    .where('id', '=', keyId)
    .executeTakeFirstOrThrow();
  return row.key_hash;
}
