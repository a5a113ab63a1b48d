import type { Scope } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { IdempotencyKeysTable } from '../db/schema.ts';

type KeyOf = Scope & { key: string };

const whereKey = (id: KeyOf) => (db: Executor) =>
  db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('business_id', '=', id.businessId)
    .where('mode', '=', id.mode)
    .where('key', '=', id.key);

/** Records a first request under its key; false when the key already has a row (in flight, or answered). */
export async function claim(db: Executor, row: IdempotencyKeysTable): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((conflict) => conflict.columns(['business_id', 'mode', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function find(db: Executor, id: KeyOf): Promise<IdempotencyKeysTable | undefined> {
  return whereKey(id)(db).executeTakeFirst();
}

export async function complete(db: Executor, id: KeyOf, status: number, response: string): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, response })
    .where('business_id', '=', id.businessId)
    .where('mode', '=', id.mode)
    .where('key', '=', id.key)
    .execute();
}

/** Forgets one key, only if its row is the one the caller saw (created at `createdAt`). */
export async function release(db: Executor, id: KeyOf, createdAt: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('business_id', '=', id.businessId)
    .where('mode', '=', id.mode)
    .where('key', '=', id.key)
    .where('created_at', '=', createdAt)
    .execute();
}

/** Drops every answer kept since before `before`, whoever it belongs to. */
export async function sweep(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}
