import type { Dialect } from './database.ts';

/**
 * How a transaction holds rows it reads: `update` for rows it will change, `share` for rows it only relies on
 * (the brand or meter a product points at), so that many such readers proceed together while a writer waits.
 */
export interface RowLock {
  dialect: Dialect;
  kind: 'update' | 'share';
}

/**
 * Applies `lock` on PostgreSQL, so that the transaction holds the rows it read until it ends. No lock, or
 * SQLite, leaves the query as it is: SQLite has no row locks, and its single connection already runs one
 * transaction at a time.
 */
export function withLock<Q extends { forUpdate(): Q; forShare(): Q }>(query: Q, lock: RowLock | undefined): Q {
  if (lock?.dialect !== 'postgres') return query;
  return lock.kind === 'update' ? query.forUpdate() : query.forShare();
}

/** Holds rows the transaction will change: `FOR UPDATE` on PostgreSQL. */
export function lockedOn<Q extends { forUpdate(): Q; forShare(): Q }>(dialect: Dialect, query: Q): Q {
  return withLock(query, { dialect, kind: 'update' });
}
