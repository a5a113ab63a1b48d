import type { Context } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { findGroup, type GroupRow } from './groups-store.ts';
import { type CollectionRow, lockAndTouchCollection } from './store.ts';

/**
 * Runs `fn` in one transaction that first locks the collection (404 when there is none) and moves its
 * `updated_at`. Every change to a collection or its tree goes through here, so changes to one collection run one
 * at a time and the positions `fn` reads stay true until its writes land.
 */
export async function changeCollection<T>(
  ctx: Context,
  id: string,
  fn: (trx: Tx, collection: CollectionRow) => Promise<T>,
): Promise<T> {
  return ctx.database.transaction(async (trx) => {
    const collection = await lockAndTouchCollection(trx, ctx.scope, id, now());
    if (!collection) throw notFound('product collection', id);
    return fn(trx, collection);
  });
}

/** The group, only when it belongs to that collection. */
export async function requireGroup(
  db: Executor,
  ctx: Context,
  collectionId: string,
  groupId: string,
): Promise<GroupRow> {
  const group = await findGroup(db, ctx.scope, collectionId, groupId);
  if (!group) throw notFound('product collection group', groupId);
  return group;
}
