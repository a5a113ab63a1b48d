import { type Expression, sql } from 'kysely';
import type pg from 'pg';
import { CommitOutcomeUnknown, isConnectionLost } from './connection-errors.ts';
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
export function nameStatement(text: string): void {
  if (!names.has(text) && names.size < MAX_NAMED) names.set(text, `pricebook_${names.size}`);
}

/** How a statement's SQL ends when its transaction commits with it (`thenCommit`). */
const THEN_COMMIT = ' /* then commit */';

/**
 * Marks `query`, a statement without RETURNING, as the last statement of its transaction: on PostgreSQL the
 * transaction's COMMIT goes out with it, a round trip of the two or three a write took, and nothing may follow it in
 * the transaction. Elsewhere the mark is a comment.
 */
export const thenCommit = <Builder extends { modifyEnd(modifier: Expression<unknown>): Builder }>(
  query: Builder,
): Builder => query.modifyEnd(sql.raw(THEN_COMMIT));

type Query = (...args: unknown[]) => unknown;
type Parser = (raw: string) => unknown;
/**
 * How one statement's rows are read on one connection. There its columns stay as they were parsed (PostgreSQL refuses
 * to run a prepared statement whose result would change: "cached plan must not change result type"); a connection
 * opened after another process's migration may see other columns for the same text.
 */
interface Decoder {
  parsers: Parser[];
  toRow: RowBuilder;
}
/** A RowDescription's column, as pg-protocol parses it. */
interface Column {
  name: string;
  dataTypeID: number;
  format: string;
}
/** A command's outcome, as pg's Result has it: one per statement, so two when BEGIN went out first. */
type Outcome = Pick<pg.QueryResult, 'command' | 'rowCount' | 'rows'>;
type Callback = (error: Error | null, results: Outcome | Outcome[]) => void;
/** pg's `Query` as the client drives it: methods and fields it has that its types do not declare. */
interface QueryInternals {
  readonly text: string;
  name?: string;
  portal?: string;
  hasBeenParsed(wire: Wire): boolean;
  prepare(wire: Wire): void;
  handleCommandComplete(message: object, wire: Wire): void;
  handleRowDescription(message: { fields: Column[] }): void;
  handleDataRow(message: { fields: (string | null)[] }): void;
  handleError(error: Error, wire: Wire): void;
  _getRows(wire: Wire, rows: number | undefined): void;
}
/** pg's `Connection`, as a query writes to it; `parsedStatements` is pg's record of the names it parsed. */
interface Wire {
  parsedStatements: Record<string, string>;
  parse(message: { text: string }): void;
  bind(message: object): void;
  execute(message: object): void;
  sync(): void;
}

/** What Kysely is told of a command answered here: a BEGIN not sent yet, a COMMIT sent with the last statement. */
const answeredHere = (command: string): Promise<pg.QueryResult> =>
  Promise.resolve({ command, rowCount: null, oid: 0, fields: [], rows: [] });

/**
 * How the pool's connections run the SQL Kysely hands them, and the reads outside transactions.
 *
 * A named statement (one `prepared()` compiles) is given to pg as a query of a class of its own, with its text as a
 * string, which pg takes as it is (a config object it copies property by property: 2 % of a GET's CPU). Its rows are
 * decoded into an object literal compiled per statement, as SQLite's reader does, with column parsers kept from its
 * first answer on each connection: pg made them again from each answer's RowDescription, with an empty row object
 * besides (addFields, 7 %).
 *
 * A transaction's BEGIN goes out with its first statement, named or not. node-postgres waits for each query's
 * answer before it sends the next, so a BEGIN of its own was a round trip of the four a PATCH took
 * (bench/RESULTS.md). BEGIN is parsed, bound and executed in the extended protocol's messages ahead of the
 * statement's, under one Sync: PostgreSQL runs them in order, and the statement fails or succeeds inside the
 * transaction as before.
 */
export function pgStatements(pgModule: Pick<typeof pg, 'Query' | 'types' | 'DatabaseError'>) {
  const decoders = new WeakMap<Wire, Map<string, Decoder>>();
  const Base = pgModule.Query as unknown as new (text: string, values: unknown[], done?: Callback) => QueryInternals;

  class Statement extends Base {
    // Not `rows`: pg's Query takes that as how many rows to fetch at a time.
    readonly decoded: unknown[] = [];
    failure: unknown;
    #decoders: Map<string, Decoder> | undefined;
    #decoder: Decoder | undefined;
    readonly #begin: boolean;
    readonly #commit: boolean;
    /** The name pg took BEGIN's ParseComplete for, until BEGIN's answer (see handleCommandComplete). */
    #parsedWithBegin: string | undefined;
    /** For mayHaveCommitted: whether the messages went out, the CommandCompletes come back, a refusal among them. */
    #sent = false;
    #completes = 0;
    #refused = false;
    /**
     * Without a name, the text is one built per request: pg decodes its rows, and no decoder is kept for it. With
     * `begin`, it has a name or values: pg sends it in the extended protocol, which can carry BEGIN's messages too.
     */
    constructor(
      text: string,
      values: unknown[],
      name: string | undefined,
      wraps: { begin: boolean; commit: boolean },
      done?: Callback,
    ) {
      super(text, values, done);
      this.name = name;
      this.#begin = wraps.begin;
      this.#commit = wraps.commit;
    }
    override prepare(wire: Wire): void {
      this.#sent = true;
      if (this.name !== undefined) {
        this.#decoders = decoders.get(wire) ?? new Map();
        decoders.set(wire, this.#decoders);
        this.#decoder = this.#decoders.get(this.text);
      }
      if (this.#begin) {
        if (!this.hasBeenParsed(wire)) this.#parsedWithBegin = this.name;
        wire.parse({ text: 'begin' });
        wire.bind({});
        wire.execute({});
      }
      super.prepare(wire);
    }
    /** pg sends Execute and then Sync here: COMMIT's messages go between the two, as BEGIN's go before Parse. */
    override _getRows(wire: Wire, rows: number | undefined): void {
      if (!this.#commit) {
        super._getRows(wire, rows);
        return;
      }
      wire.execute({ portal: this.portal, rows });
      wire.parse({ text: 'commit' });
      wire.bind({});
      wire.execute({});
      wire.sync();
    }
    /**
     * pg records every ParseComplete as the running query's: BEGIN's, which comes first, marks this statement parsed
     * before its own Parse has run. Should that Parse then fail (a lock timeout, say), pg would never send it again,
     * and every later use on the connection would fail with "prepared statement does not exist". BEGIN's answer comes
     * between the two ParseCompletes: the record is taken back there, and the statement's own puts it back.
     */
    override handleCommandComplete(message: object, wire: Wire): void {
      this.#completes += 1;
      if (this.#parsedWithBegin !== undefined) delete wire.parsedStatements[this.#parsedWithBegin];
      this.#parsedWithBegin = undefined;
      super.handleCommandComplete(message, wire);
    }
    /**
     * Whether a COMMIT sent with the statement may have run: it went out, and PostgreSQL did not answer an error before
     * the statement's own CommandComplete (after an error it skips everything up to the Sync, COMMIT too).
     */
    get mayHaveCommitted(): boolean {
      return this.#commit && this.#sent && !this.#refused;
    }
    override handleError(error: Error, wire: Wire): void {
      const outcomeBefore = this.#begin ? 2 : 1;
      if (error instanceof pgModule.DatabaseError && this.#completes < outcomeBefore) this.#refused = true;
      super.handleError(error, wire);
    }
    override handleRowDescription(message: { fields: Column[] }): void {
      if (this.name === undefined) {
        super.handleRowDescription(message);
        return;
      }
      if (this.#decoder !== undefined) return;
      const { fields } = message;
      this.#decoder = {
        parsers: fields.map((column) => pgModule.types.getTypeParser(column.dataTypeID, column.format as 'text')),
        toRow: rowBuilder(fields.map((column) => column.name)),
      };
      this.#decoders?.set(this.text, this.#decoder);
    }
    override handleDataRow(message: { fields: (string | null)[] }): void {
      if (this.name === undefined) {
        super.handleDataRow(message);
        return;
      }
      if (this.failure !== undefined) return;
      const { fields } = message;
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

  /** Runs a statement of Kysely's on `client`, and answers as pg would. */
  const run = (
    client: pg.PoolClient,
    query: Query,
    text: string,
    values: unknown[],
    name: string | undefined,
    wraps: { begin: boolean; commit: boolean },
  ) =>
    new Promise<pg.QueryResult>((resolve, reject) => {
      const statement: Statement = new Statement(text, values, name, wraps, (error, results) => {
        if (error || statement.failure !== undefined) {
          const failure = error ?? statement.failure;
          // Lost with COMMIT on its way, nobody knows whether it ran.
          return reject(
            statement.mayHaveCommitted && isConnectionLost(failure) ? new CommitOutcomeUnknown(failure) : failure,
          );
        }
        // The statement's outcome is the last but COMMIT's.
        const outcome = Array.isArray(results) ? results.at(wraps.commit ? -2 : -1) : results;
        const { command, rowCount, rows } = outcome as Outcome;
        resolve({ command, rowCount, oid: 0, fields: [], rows: name === undefined ? rows : statement.decoded });
      });
      query.call(client, statement);
    });

  return {
    /**
     * Called once per connection, when the pool opens it: Kysely hands pg the SQL text and values only, inside
     * transactions too, and this makes the connection run named texts as above and hold BEGIN back.
     */
    tune(client: pg.PoolClient): void {
      const query = client.query as unknown as Query;
      let beginPending = false;
      let inTransaction = false;
      // Set once the transaction ended with a statement that took its COMMIT, or with the connection lost on the
      // way: Kysely's own COMMIT or ROLLBACK then sends nothing.
      let ended = false;
      (client as unknown as { query: Query }).query = function (this: pg.PoolClient, ...args: unknown[]) {
        const [text, values] = args;
        if (typeof text !== 'string' || args.length !== 2) return query.apply(this, args);
        if (text === 'begin') {
          beginPending = true;
          inTransaction = true;
          return answeredHere('BEGIN');
        }
        if (text === 'commit' || text === 'rollback') {
          inTransaction = false;
          // A rollback here means the transaction's function threw after its last statement (what it wrote is
          // in), or that the connection was lost with it.
          if (ended) {
            ended = false;
            return answeredHere(text.toUpperCase());
          }
        } else if (ended) {
          return Promise.reject(new Error(`a statement after its transaction's last one: ${text.slice(0, 80)}`));
        }
        const begin = beginPending;
        beginPending = false;
        const name = names.get(text);
        if (name === undefined && !begin) return query.apply(this, args);
        // A text with neither a name nor values goes in the simple protocol, which may hold several statements but
        // cannot carry BEGIN's messages: BEGIN goes first, on its own.
        if (name === undefined && (values as unknown[]).length === 0) {
          return (query.call(this, 'begin') as Promise<unknown>).then(() => query.apply(this, args));
        }
        const commit = inTransaction && text.endsWith(THEN_COMMIT);
        const ran = run(this, query, text, values as unknown[], name, { begin, commit });
        if (!commit) return ran;
        return ran.then(
          (result) => {
            ended = true;
            return result;
          },
          (error: unknown) => {
            // A statement that failed leaves the transaction to be rolled back; one whose outcome nobody knows, on a
            // lost connection, leaves nothing to roll back.
            if (error instanceof CommitOutcomeUnknown) {
              ended = true;
              // Ended here, so that the pool drops it when Kysely releases it: its socket may not have reported the
              // loss yet, and a request handed it meanwhile would fail.
              this.end().catch(() => undefined);
            }
            throw error;
          },
        );
      };
    },
    /** SELECTs outside transactions go straight to the pool. A transaction's reads stay on its own connection. */
    attachReader(db: Executor, pool: pg.Pool): void {
      setReader(db, async (text, values) => {
        const name = names.get(text);
        if (name === undefined) return (await pool.query({ text, values: values as unknown[] })).rows;
        const statement = new Statement(text, values as unknown[], name, { begin: false, commit: false });
        await pool.query(statement as unknown as pg.QueryConfig);
        if (statement.failure !== undefined) throw statement.failure;
        return statement.decoded;
      });
    },
  };
}
