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

/** A RowDescription's column, as pg-protocol parses it. */
interface Column {
  name: string;
  dataTypeID: number;
  format: string;
}
type Parser = (raw: string) => unknown;
/** How one statement's rows are read: the same for every answer, since its text fixes its columns. */
interface Decoder {
  parsers: Parser[];
  toRow: RowBuilder;
}
/** What pg's client calls on the query it runs: methods its types do not declare. */
interface Handlers {
  readonly text: string;
  name?: string;
  handleRowDescription(message: { fields: Column[] }): void;
  handleDataRow(message: { fields: (string | null)[] }): void;
}

/**
 * SELECTs outside transactions go straight to the pool, each row decoded into an object literal compiled per
 * statement, as SQLite's reader does: Kysely's executor and pg's row objects built one property at a time were a
 * visible share of a GET's CPU (bench/RESULTS.md). A transaction's reads stay on its own connection, through Kysely.
 *
 * A named statement's column parsers are looked up once, from its first answer's RowDescription; pg made them
 * again from each answer's, with an empty row object it only needs for rows as objects (addFields, 7 % of a GET's
 * CPU on PostgreSQL). The query is given its text as a string, which pg takes as it is: a config object it copies
 * property by property (2 %).
 */
export function attachPgReader(db: Executor, pool: pg.Pool, pgModule: Pick<typeof pg, 'Query' | 'types'>): void {
  const decoders = new Map<string, Decoder>();
  const Base = pgModule.Query as unknown as new (text: string, values: unknown[]) => Handlers;
  class Read extends Base {
    // Not `rows`: pg's Query takes that as how many rows to fetch at a time.
    readonly decoded: unknown[] = [];
    failure: unknown;
    #decoder: Decoder | undefined;
    constructor(text: string, values: unknown[], name: string) {
      super(text, values);
      this.name = name;
      this.#decoder = decoders.get(text);
    }
    override handleRowDescription({ fields }: { fields: Column[] }): void {
      if (this.#decoder !== undefined) return;
      this.#decoder = {
        parsers: fields.map((column) => pgModule.types.getTypeParser(column.dataTypeID, column.format as 'text')),
        toRow: rowBuilder(fields.map((column) => column.name)),
      };
      decoders.set(this.text, this.#decoder);
    }
    override handleDataRow({ fields }: { fields: (string | null)[] }): void {
      if (this.failure !== undefined) return;
      const { parsers, toRow } = this.#decoder as Decoder;
      try {
        const values = fields.map((raw, i) => (raw === null ? null : (parsers[i] as Parser)(raw)));
        this.decoded.push(toRow(values));
      } catch (error) {
        // Thrown here, it would be thrown in the middle of the connection's message handling.
        this.failure = error;
      }
    }
  }
  setReader(db, async (text, values) => {
    const name = names.get(text);
    if (name === undefined) return (await pool.query({ text, values: values as unknown[] })).rows;
    const read = new Read(text, values as unknown[], name);
    await pool.query(read as unknown as pg.QueryConfig);
    if (read.failure !== undefined) throw read.failure;
    return read.decoded;
  });
}
