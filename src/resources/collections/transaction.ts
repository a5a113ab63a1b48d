import type { Context } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { findGroup, type GroupRow } from './groups-store.ts';
import { type CollectionRow, lockCollection, touchCollection } from './store.ts';

/**
 * Runs `fn` in one transaction that first locks the collection (404 when there is none). Every change to a
 * collection or its tree goes through here, so changes to one collection run one at a time and the positions
 * `fn` reads stay true until its writes land. The collection's `updated_at` moves with every change.
 */
export async function changeCollection<T>(
  ctx: Context,
  id: string,
  fn: (trx: Tx, collection: CollectionRow) => Promise<T>,
): Promise<T> {
  return ctx.database.transaction(async (trx) => {
    const collection = await lockCollection(trx, ctx.scope, id);
    if (!collection) throw notFound('product collection', id);
    const result = await fn(trx, collection);
    await touchCollection(trx, ctx.scope, id, now());
    return result;
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
