import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { LIST_ITEM_TABLES } from '../src/db/migrations/sqlite/007_scoped_id_indexes.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';

// The items of a kept list page that a write dropped are read again by id, twenty at most. Without statistics
// SQLite used to read them through the list index on (business_id, mode, ...), every row of the business checked
// against the ids: 290 µs for twenty products at 1,000, against 70 (bench/RESULTS.md).
describe('SQLite reads list items by id', () => {
  let fresh: TestDatabase;
  let database: Database;

  before(async () => {
    fresh = await freshDatabase('sqlite');
    database = openDatabase(fresh.url);
    await migrate(database);
  });
  after(async () => {
    await database?.close();
    await fresh?.drop();
  });

  for (const table of LIST_ITEM_TABLES) {
    test(`${table}: the ids are conditions of the index read, not a filter over the business's rows`, async () => {
      const { rows } = await sql<{ detail: string }>`
        EXPLAIN QUERY PLAN SELECT * FROM ${sql.table(table)}
        WHERE business_id = ${'bus_1'} AND mode = ${'test'} AND id IN (${'id_1'}, ${'id_2'}, ${'id_3'})`.execute(
        database.db,
      );
      assert.deepEqual(
        rows.map((row) => row.detail),
        [`SEARCH ${table} USING INDEX ${table}_scoped_id (business_id=? AND mode=? AND id=?)`],
      );
    });
  }
});
