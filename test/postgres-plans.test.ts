import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { SCOPED_ID_TABLES } from '../src/db/migrations/postgres/008_scoped_id_indexes.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';

// A new database has no statistics until autovacuum analyzes it: a developer's, a CI run's. There PostgreSQL
// used to read a product by id through the list index on (business_id, mode, ...), every row of the business
// checked against the id, and a prepared statement kept that plan: GET /products/{id} ran at under half the
// rate it runs with the id in the index (bench/RESULTS.md).

type PlanNode = { 'Index Cond'?: string; Filter?: string };

describe('PostgreSQL reads by id on a new database', {
  skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only',
}, () => {
  let fresh: TestDatabase;
  let database: Database;

  before(async () => {
    fresh = await freshDatabase('postgres');
    database = openDatabase(fresh.url, { max: 1 });
    await migrate(database);
  });
  after(async () => {
    await database?.close();
    await fresh?.drop();
  });

  for (const table of SCOPED_ID_TABLES) {
    test(`${table}: the id is a condition of the index read, not a filter over the business's rows`, async () => {
      const { rows } = await sql<{ 'QUERY PLAN': { Plan: PlanNode }[] }>`
        EXPLAIN (FORMAT JSON) SELECT * FROM ${sql.table(table)}
        WHERE business_id = ${'bus_1'} AND mode = ${'test'} AND id = ${'id_1'}`.execute(database.db);
      const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
      assert.match(plan?.['Index Cond'] ?? '', /\bid = /, JSON.stringify(plan));
      assert.equal(plan?.Filter, undefined, JSON.stringify(plan));
    });
  }
});
