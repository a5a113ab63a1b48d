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
type Callback = (error: Error | null, results: pg.QueryResult[]) => void;

/** What pg's `Query` does on the wire: methods it has that its types do not declare. */
interface Pipelinable {
  requiresPreparation(): boolean;
  prepare(wire: Wire): void;
}
interface Wire {
  parse(message: { text: string }): void;
  bind(message: object): void;
  execute(message: object): void;
}

/** What Kysely is told of a BEGIN not sent yet. */
const DEFERRED: Pick<pg.QueryResult, 'command' | 'rowCount' | 'rows'> = { command: 'BEGIN', rowCount: null, rows: [] };

/**
 * Kysely hands pg the SQL text and values only; what this returns makes a pooled connection send a named text as
 * its named statement, wherever Kysely runs it (inside transactions too), and a transaction's BEGIN in the same
 * write as its first statement. Called once per connection, when the pool opens it.
 *
 * node-postgres waits for each query's answer before it sends the next, so a BEGIN of its own was a round trip of
 * the four a PATCH took on PostgreSQL (bench/RESULTS.md). Here BEGIN is parsed, bound and executed in the extended
 * protocol's messages ahead of the first statement's, under one Sync: PostgreSQL runs them in order, and the
 * statement fails or succeeds inside the transaction as before (a COMMIT or ROLLBACK with no statement before it
 * goes out with its BEGIN the same way).
 */
export function queryTuner(QueryClass: typeof pg.Query): (client: pg.PoolClient) => void {
  const Base = QueryClass as unknown as new (config: pg.QueryConfig, values: undefined, done: Callback) => Pipelinable;
  class BeginThen extends Base {
    // pg sends a query without values in the simple protocol, which cannot carry two statements' messages.
    override requiresPreparation(): boolean {
      return true;
    }
    override prepare(wire: Wire): void {
      wire.parse({ text: 'begin' });
      wire.bind({});
      wire.execute({});
      super.prepare(wire);
    }
  }

  return (client) => {
    const query = client.query as unknown as Query;
    let beginPending = false;
    (client as unknown as { query: Query }).query = function (this: pg.PoolClient, ...args: unknown[]) {
      const [text, values] = args;
      if (typeof text !== 'string' || args.length !== 2) return query.apply(this, args);
      const name = names.get(text);
      if (text === 'begin') {
        beginPending = true;
        return Promise.resolve(DEFERRED);
      }
      if (beginPending) {
        beginPending = false;
        return new Promise((resolve, reject) => {
          // Two results come back, BEGIN's and the statement's.
          const done: Callback = (error, results) => (error ? reject(error) : resolve(results[1]));
          query.call(this, new BeginThen({ name, text, values: values as unknown[] }, undefined, done));
        });
      }
      return name === undefined ? query.apply(this, args) : query.call(this, { name, text, values });
    };
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
