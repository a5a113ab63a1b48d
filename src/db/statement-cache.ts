import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Statements are kept beyond this many distinct SQL texts only by starting over: the texts come from a
 * fixed set of queries (IN lists and batch inserts vary in length), so the limit is never near in practice.
 */
const MAX_STATEMENTS = 1000;

/**
 * Kysely prepares every query it runs, and preparing costs more than running a lookup by key: under load,
 * `prepare` was the largest single item of a GET's CPU profile (bench/RESULTS.md). This keeps each SQL
 * text's statement and hands it out again. Reuse is safe because better-sqlite3 runs a statement to the
 * end synchronously, and a connection runs one query at a time.
 */
export function statementCache<S>(prepare: (sql: string) => S): (sql: string) => S {
  const statements = new Map<string, S>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** The connection as Kysely's SQLite dialect takes it, with the cache in front of `prepare`. */
export function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  return { close: () => sqlite.close(), prepare: statementCache((sql) => sqlite.prepare(sql)) };
}
