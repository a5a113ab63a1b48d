import SQLite from 'better-sqlite3';
import { type CompiledQuery, SelectQueryNode } from 'kysely';
import type { Executor } from './database.ts';
import { writerOf } from './sqlite-writer.ts';
import { statementCache } from './statement-cache.ts';

/** Runs one compiled SELECT to the end and returns its rows: at once on SQLite, over the pool on PostgreSQL. */
export type Reader = (sql: string, parameters: readonly unknown[]) => unknown[] | Promise<unknown[]>;

const readers = new WeakMap<Executor, Reader>();

/** Gives `db` a reader for its SELECTs outside transactions (see `runCompiled`). */
export function setReader(db: Executor, reader: Reader): void {
  readers.set(db, reader);
}

/**
 * Gives `db` a second connection to the same SQLite file for reads outside transactions. Through Kysely,
 * every query waits for the one connection and pays its executor (a connection mutex, promises, a result
 * transform): under load that was more CPU than SQLite took to answer (bench/RESULTS.md). The reader runs
 * the statement at once instead. It is a connection of its own because a write transaction holds the
 * writer's connection across awaits: a read on it would see that transaction's uncommitted rows. In WAL
 * mode a reader sees every committed transaction and never waits for the writer. It is opened on first
 * use, after the migrations, and refuses writes.
 */
export function attachReader(db: Executor, path: string): { close(): void; dataVersion(): number } {
  let sqlite: SQLite.Database | undefined;
  let prepare: ((sql: string) => { statement: SQLite.Statement; toRow: RowBuilder }) | undefined;
  const open = () => {
    if (prepare === undefined) {
      const connection = new SQLite(path);
      connection.pragma('query_only = ON');
      connection.pragma('busy_timeout = 5000');
      sqlite = connection;
      prepare = statementCache((text) => {
        const statement = connection.prepare(text).raw(true);
        return { statement, toRow: rowBuilder(statement.columns().map((c) => c.name)) };
      });
    }
    return prepare;
  };
  setReader(db, (sql, parameters) => {
    const { statement, toRow } = open()(sql);
    return (statement.all(parameters) as unknown[][]).map(toRow);
  });
  return {
    close: () => sqlite?.close(),
    // The reader never writes, so its counter moves on every commit of any connection, the server's writer too.
    dataVersion: () => {
      const { statement } = open()('PRAGMA data_version');
      return (statement.get() as [number])[0];
    },
  };
}

export type RowBuilder = (values: unknown[]) => unknown;

/**
 * better-sqlite3 builds each row object one property at a time, which for a product's 26 columns cost more
 * than SQLite took to find them; a row read as an array and copied into an object literal costs half as much
 * (100 products: 617 µs → 285 µs, bench/RESULTS.md). The literal's keys are the statement's column names, from
 * SQL this code wrote, never from a request. As with row objects, a later column of the same name wins.
 */
export function rowBuilder(columns: string[]): RowBuilder {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`);
  return new Function('values', `return { ${fields.join(', ')} };`) as RowBuilder;
}

/** The reader for queries run on `db` itself; none inside a transaction, which must read its own writes. */
function readerOf(db: Executor): Reader | undefined {
  return db.isTransaction ? undefined : readers.get(db);
}

/**
 * Runs a compiled query: inside a SQLite transaction straight on the writer connection it holds; a SELECT outside a
 * transaction on the reader when `db` has one; anything else through Kysely. The reader refuses writes.
 */
export async function runCompiled<Row>(db: Executor, compiled: CompiledQuery<Row>): Promise<Row[]> {
  const reader = writerOf(db) ?? (SelectQueryNode.is(compiled.query) ? readerOf(db) : undefined);
  if (reader !== undefined) return (await reader(compiled.sql, compiled.parameters)) as Row[];
  return (await db.executeQuery(compiled)).rows;
}
