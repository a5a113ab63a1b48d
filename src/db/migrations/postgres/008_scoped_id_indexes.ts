import { type Kysely, sql } from 'kysely';

// A read by id is `business_id = $1 AND mode = $2 AND id = $3`. Until a table has been analyzed (a new database:
// a developer's, a CI run's, the bench's), PostgreSQL rates the list index on (business_id, mode, ...) as cheap as
// the unique index on id, picks it, and scans every row of the business to find one: 0.3-0.5 ms a read at 1,000
// products, against 0.02 ms, and a prepared statement keeps that plan (bench/RESULTS.md). An index on all three
// columns is the one plan that matches every condition, with or without statistics. SQLite already reads by id.
export const SCOPED_ID_TABLES = [
  'products',
  'product_collections',
  'addons',
  'meters',
  'credit_entitlements',
  'entitlements',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of SCOPED_ID_TABLES) {
    await sql`CREATE UNIQUE INDEX ${sql.id(`${table}_scoped_id`)} ON ${sql.table(table)} (business_id, mode, id)`.execute(
      db,
    );
  }
}
