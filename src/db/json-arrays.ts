import { PostgresAdapter, type RawBuilder } from 'kysely';
import { jsonArrayFrom as postgresArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteArray } from 'kysely/helpers/sqlite';
import type { Executor } from './database.ts';

/**
 * A subquery's rows, in its order, as one JSON array column of the outer query: a row and what hangs off it
 * in one statement rather than one per table. Read the column with `jsonRows`.
 */
export function jsonArrayFrom<O>(db: Executor, rows: Parameters<typeof sqliteArray<O>>[0]): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresArray(rows) : sqliteArray(rows);
}

/** SQLite hands a JSON column over as text; the pg driver has already parsed it. */
export function jsonRows<T>(column: unknown): T[] {
  return (typeof column === 'string' ? JSON.parse(column) : column) as T[];
}
