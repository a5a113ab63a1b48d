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
export function withLock<Q extends Lockable<Q>>(query: Q, lock: RowLock | undefined): Q {
  if (lock?.dialect !== 'postgres') return query;
  // Rows are changed, never deleted or re-keyed, under these locks, so `FOR NO KEY UPDATE` is enough. Unlike
  // `FOR UPDATE`, it lets other transactions insert rows that reference the locked one (their foreign-key
  // check takes `FOR KEY SHARE`): a collection adding an item for a product that a product PATCH holds
  // then waits for nothing, and the two cannot deadlock.
  return lock.kind === 'update' ? query.forNoKeyUpdate() : query.forShare();
}

interface Lockable<Q> {
  forNoKeyUpdate(): Q;
  forShare(): Q;
}

/** Holds rows the transaction will change, on PostgreSQL. */
export function lockedOn<Q extends Lockable<Q>>(dialect: Dialect, query: Q): Q {
  return withLock(query, { dialect, kind: 'update' });
}
