import type SQLite from 'better-sqlite3';
import type { Executor } from './database.ts';
import { type Reader, rowBuilder } from './sqlite-reader.ts';
import { statementCache } from './statement-cache.ts';

const writers = new WeakMap<object, Reader>();

/**
 * Lets a transaction on `db` run compiled queries straight on the writer connection. A SQLite transaction holds
 * that connection alone from BEGIN to COMMIT (Kysely's connection mutex), so a statement run on it while the
 * transaction is open is one of that transaction's; going through Kysely's executor instead cost a promise chain
 * and a result transform per statement, more than SQLite took for the lookups of a write (bench/RESULTS.md).
 * Statements are prepared apart from Kysely's, since these read rows as arrays.
 */
export function attachWriter(db: Executor, sqlite: SQLite.Database): void {
  const prepare = statementCache((text) => {
    const statement = sqlite.prepare(text);
    if (!statement.reader) return { statement, toRow: undefined };
    return { statement: statement.raw(true), toRow: rowBuilder(statement.columns().map((c) => c.name)) };
  });
  // A transaction's executor is its own, but its adapter is its database's.
  writers.set(db.getExecutor().adapter, (sql, parameters) => {
    const { statement, toRow } = prepare(sql);
    if (toRow === undefined) {
      statement.run(parameters);
      return [];
    }
    return (statement.all(parameters) as unknown[][]).map(toRow);
  });
}

/** The writer for a query run inside an open transaction of `db`'s database; none outside one or off SQLite. */
export function writerOf(db: Executor): Reader | undefined {
  return db.isTransaction ? writers.get(db.getExecutor().adapter) : undefined;
}
