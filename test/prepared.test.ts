import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { prepared } from '../src/db/prepared.ts';
import { availableStores, freshDatabase, type TestDatabase } from './support/databases.ts';

const businessesNamed = prepared<{ name: string; limit: number; offset: number }, { id: string }>((db, slots) =>
  db
    .selectFrom('businesses')
    .select('id')
    .where('name', '=', slots.text('name'))
    .where('id', '!=', 'never')
    .orderBy('id')
    .limit(slots.int('limit'))
    .offset(slots.int('offset')),
);

const businessesIn = prepared<{ ids: readonly string[] }, { id: string }>((db, slots) =>
  db.selectFrom('businesses').select('id').where('id', 'in', slots.list('ids')).orderBy('id'),
);

const renameBusiness = prepared<{ id: string; name: string }, never>((db, slots) =>
  db
    .updateTable('businesses')
    .set({ name: slots.text('name') })
    .where('id', '=', slots.text('id')),
);

for (const kind of availableStores) {
  describe(`prepared queries (${kind})`, () => {
    let fresh: TestDatabase;
    let database: Database;
    before(async () => {
      fresh = await freshDatabase(kind);
      database = openDatabase(fresh.url);
      await migrate(database);
      const at = new Date(0).toISOString();
      await database.db
        .insertInto('businesses')
        .values([
          { id: 'b1', name: 'same', created_at: at },
          { id: 'b2', name: 'same', created_at: at },
          { id: 'b3', name: 'other', created_at: at },
        ])
        .execute();
    });
    after(async () => {
      await database.close();
      await fresh.drop();
    });

    test('each run binds its own values and keeps the constants written in the query', async () => {
      assert.deepEqual(await businessesNamed(database.db, { name: 'same', limit: 10, offset: 0 }), [
        { id: 'b1' },
        { id: 'b2' },
      ]);
      assert.deepEqual(await businessesNamed(database.db, { name: 'same', limit: 1, offset: 1 }), [{ id: 'b2' }]);
      assert.deepEqual(await businessesNamed(database.db, { name: 'other', limit: 10, offset: 0 }), [{ id: 'b3' }]);
      assert.deepEqual(await businessesNamed(database.db, { name: 'none', limit: 10, offset: 0 }), []);
    });

    test('a list binds each of its values, whatever its length', async () => {
      assert.deepEqual(await businessesIn(database.db, { ids: ['b3'] }), [{ id: 'b3' }]);
      assert.deepEqual(await businessesIn(database.db, { ids: ['b1', 'b3', 'nope'] }), [{ id: 'b1' }, { id: 'b3' }]);
      assert.deepEqual(await businessesIn(database.db, { ids: ['b2'] }), [{ id: 'b2' }]);
      assert.deepEqual(await businessesIn(database.db, { ids: ['x', 'b2', 'b1'] }), [{ id: 'b1' }, { id: 'b2' }]);
    });

    test('a prepared write lands, inside a transaction or outside one', async () => {
      await renameBusiness(database.db, { id: 'b3', name: 'renamed' });
      assert.deepEqual(await businessesNamed(database.db, { name: 'renamed', limit: 10, offset: 0 }), [{ id: 'b3' }]);
      await database.transaction((trx) => renameBusiness(trx, { id: 'b3', name: 'other' }));
      assert.deepEqual(await businessesNamed(database.db, { name: 'other', limit: 10, offset: 0 }), [{ id: 'b3' }]);
    });

    test('a prepared write is part of its transaction: it is undone when the transaction fails', async () => {
      await assert.rejects(
        database.transaction(async (trx) => {
          await renameBusiness(trx, { id: 'b2', name: 'doomed' });
          assert.deepEqual(await businessesNamed(trx, { name: 'doomed', limit: 10, offset: 0 }), [{ id: 'b2' }]);
          // Outside the transaction the write is not seen until it commits.
          assert.deepEqual(await businessesNamed(database.db, { name: 'doomed', limit: 10, offset: 0 }), []);
          throw new Error('abandon');
        }),
        /abandon/,
      );
      assert.deepEqual(await businessesNamed(database.db, { name: 'doomed', limit: 10, offset: 0 }), []);
      assert.deepEqual(await businessesNamed(database.db, { name: 'same', limit: 10, offset: 0 }), [
        { id: 'b1' },
        { id: 'b2' },
      ]);
    });

    test('a transaction runs the same prepared query and sees its own writes', async () => {
      const seen = await database.transaction(async (trx) => {
        await trx.insertInto('businesses').values({ id: 'b4', name: 'fresh', created_at: 'x' }).execute();
        return businessesNamed(trx, { name: 'fresh', limit: 10, offset: 0 });
      });
      assert.deepEqual(seen, [{ id: 'b4' }]);
    });
  });

  if (kind === 'postgres')
    test('on PostgreSQL a prepared query is parsed once per connection, and its reads come back whole', async () => {
      const fresh = await freshDatabase(kind);
      // One connection, so the statements listed are those of the connection that ran the query.
      const database = openDatabase(fresh.url, { max: 1 });
      try {
        await migrate(database);
        await database.db.insertInto('businesses').values({ id: 'b1', name: 'n', created_at: 'x' }).execute();
        for (let i = 0; i < 3; i++)
          assert.deepEqual(await businessesNamed(database.db, { name: 'n', limit: 5, offset: 0 }), [{ id: 'b1' }]);
        await database.transaction((trx) => renameBusiness(trx, { id: 'b1', name: 'm' }));
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
          database.db,
        );
        const kept = rows.map((row) => row.statement);
        assert.equal(kept.filter((text) => text.includes('from "businesses"')).length, 1);
        assert.equal(kept.filter((text) => text.startsWith('update "businesses"')).length, 1);
      } finally {
        await database.close();
        await fresh.drop();
      }
    });
}
