import type pg from 'pg';
import type { Executor } from './database.ts';
import { type RowBuilder, rowBuilder, setReader } from './sqlite-reader.ts';

/**
 * Beyond this many SQL texts no more are named: each name is a statement PostgreSQL keeps on every connection of
 * the pool. The texts come from `prepared()`, a fixed set of queries (one per list length for `IN` lists).
 */
const MAX_NAMED = 500;

const names = new Map<string, string>();

/**
 * Marks a compiled SQL text to run as a named prepared statement on PostgreSQL: each connection then parses and
 * plans it once instead of on every request, and the request carries no SQL text. Only texts whose shape never
 * varies qualify (those `prepared()` compiles), so the set stays small.
 */
export function nameStatement(sql: string): void {
  if (!names.has(sql) && names.size < MAX_NAMED) names.set(sql, `pricebook_${names.size}`);
}

type Query = (...args: unknown[]) => unknown;

/**
 * Kysely hands pg the SQL text and values only; this makes a pooled connection send a named text as its named
 * statement, wherever Kysely runs it (inside transactions too). Called once per connection, when the pool opens it.
 */
export function nameQueries(client: pg.PoolClient): void {
  const query = client.query as unknown as Query;
  (client as unknown as { query: Query }).query = function (this: pg.PoolClient, ...args: unknown[]) {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? names.get(text) : undefined;
    return name === undefined ? query.apply(this, args) : query.call(this, { name, text, values });
  };
}

/**
 * SELECTs outside transactions go straight to the pool, with rows as arrays copied into an object literal compiled
 * per statement, as SQLite's reader does: Kysely's executor and pg's row objects built one property at a time were a
 * visible share of a GET's CPU (bench/RESULTS.md). A transaction's reads stay on its own connection, through Kysely.
 */
export function attachPgReader(db: Executor, pool: pg.Pool): void {
  const builders = new Map<string, RowBuilder>();
  setReader(db, async (text, values) => {
    const name = names.get(text);
    // A text without a name is read as pg's row objects: a builder made for each would cost more than it saves.
    if (name === undefined) return (await pool.query({ text, values: values as unknown[] })).rows;
    const result = await pool.query({ name, text, values: values as unknown[], rowMode: 'array' });
    let toRow = builders.get(text);
    if (toRow === undefined) {
      toRow = rowBuilder(result.fields.map((field) => field.name));
      builders.set(text, toRow);
    }
    return (result.rows as unknown[][]).map(toRow);
  });
}
