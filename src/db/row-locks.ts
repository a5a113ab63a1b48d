import type { Tx } from './database.ts';

// How a transaction holds rows it reads, on PostgreSQL. SQLite has no row locks and needs none: its single
// connection runs one transaction at a time, and each begins IMMEDIATE (database.ts). The dialect is the
// transaction's own, so a store cannot be asked for the wrong one.

interface Lockable<Q> {
  forNoKeyUpdate(): Q;
  forShare(): Q;
}

/**
 * For rows the transaction will change. Rows are changed, never deleted or re-keyed, under this lock, so
 * `FOR NO KEY UPDATE` is enough. Unlike `FOR UPDATE`, it lets other transactions insert rows that reference the
 * locked one (their foreign-key check takes `FOR KEY SHARE`): a collection adding an item for a product that a
 * product PATCH holds then waits for nothing, and the two cannot deadlock.
 */
export function forChange<Q extends Lockable<Q>>(tx: Tx, query: Q): Q {
  return tx.dialect === 'postgres' ? query.forNoKeyUpdate() : query;
}

/**
 * For rows the transaction relies on without changing them (the brand or meter a product points at): readers
 * proceed together, while an archive or delete, which locks the row to change it, waits for them, and they for it.
 */
export function forReliance<Q extends Lockable<Q>>(tx: Tx, query: Q): Q {
  return tx.dialect === 'postgres' ? query.forShare() : query;
}
