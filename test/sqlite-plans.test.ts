import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { findListedCollections } from '../src/resources/collections/store.ts';
import { findListedProducts } from '../src/resources/products/lists-store.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';

// The items of a kept list page that a write dropped are read again by id, up to a page's hundred. Without
// statistics SQLite used to read them through the list index on (business_id, mode, ...), every row of the business
// checked against the ids (290 µs for twenty products at 1,000, against 70), and went back to it when the list's
// filter was in the WHERE clause too (bench/RESULTS.md). This checks the plans of the statements the stores prepare.
describe('SQLite reads list items by id', () => {
  const scope = { businessId: 'bus_plans', mode: 'test' as const };
  let fresh: TestDatabase;
  let database: Database;
  const prepared: string[] = [];
  const prepare = SQLite.prototype.prepare;

  before(async () => {
    fresh = await freshDatabase('sqlite');
    database = openDatabase(fresh.url);
    await migrate(database);
    SQLite.prototype.prepare = function (this: SQLite.Database, text: string) {
      prepared.push(text);
      return prepare.call(this, text);
    } as typeof prepare;
  });
  after(async () => {
    SQLite.prototype.prepare = prepare;
    await database?.close();
    await fresh?.drop();
  });

  for (const [table, read] of [
    ['products', () => findListedProducts(database.db, scope, { archived: false }, ['a', 'b', 'c'])],
    ['product_collections', () => findListedCollections(database.db, scope, { archived: false }, ['a', 'b', 'c'])],
  ] as const) {
    test(`${table}: the ids are conditions of the index read, not a filter over the business's rows`, async () => {
      prepared.length = 0;
      await read();
      const text = prepared.find((sql) => sql.includes(`from "${table}"`) && sql.includes('"id" in ('));
      assert.ok(text, `no statement by id among ${JSON.stringify(prepared)}`);
      const explain = new SQLite(fresh.url.slice('file:'.length), { readonly: true });
      try {
        const parameters = (text.match(/\?/g) ?? []).map(() => 'x');
        const plan = explain.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...parameters) as { detail: string }[];
        assert.ok(
          plan.some(
            (row) =>
              row.detail === `SEARCH ${table} USING INDEX ${table}_scoped_id (business_id=? AND mode=? AND id=?)`,
          ),
          JSON.stringify(plan.map((row) => row.detail)),
        );
      } finally {
        explain.close();
      }
    });
  }
});
