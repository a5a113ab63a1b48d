import { sql } from 'kysely';
import type { Scope } from '../context.ts';
import { flag, storedFlag } from '../db/columns.ts';
import type { Dialect, Executor } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { ApiKeysTable, BusinessesTable } from '../db/schema.ts';

/** An API key as the rest of Pricebook sees it: `read_only` a boolean. */
export interface ApiKeyRow extends Omit<ApiKeysTable, 'read_only'> {
  read_only: boolean;
}

function fromStored(row: ApiKeysTable): ApiKeyRow {
  return { ...row, read_only: flag(row.read_only) };
}

export async function insertBusiness(db: Executor, row: BusinessesTable): Promise<void> {
  await db.insertInto('businesses').values(row).execute();
}

export async function listBusinesses(db: Executor): Promise<BusinessesTable[]> {
  return db.selectFrom('businesses').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function findBusiness(db: Executor, id: string): Promise<BusinessesTable | undefined> {
  return db.selectFrom('businesses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countBusinesses(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('businesses')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertApiKey(db: Executor, row: ApiKeyRow): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({ ...row, read_only: storedFlag(row.read_only) })
    .execute();
}

export async function listApiKeys(db: Executor, businessId: string): Promise<ApiKeyRow[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(fromStored);
}

/** Revokes the key and tells whether it existed. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Executor, id: string, at: string): Promise<ApiKeyRow | undefined> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** What a valid key grants: its business and mode, and whether it may write. */
export interface KeyGrant extends Scope {
  readOnly: boolean;
}

// Every API request runs this, so it is compiled once rather than built anew each time.
const grantByKeyHash = prepared<{ keyHash: string }, Pick<ApiKeysTable, 'business_id' | 'mode' | 'read_only'>>(
  (db, slots) =>
    db
      .selectFrom('api_keys')
      .select(['business_id', 'mode', 'read_only'])
      .where('key_hash', '=', slots.text('keyHash'))
      .where('revoked_at', 'is', null),
);

export async function findGrantByKeyHash(db: Executor, keyHash: string): Promise<KeyGrant | undefined> {
  const [row] = await grantByKeyHash(db, { keyHash });
  return row && { businessId: row.business_id, mode: row.mode, readOnly: flag(row.read_only) };
}

/** Arbitrary, fixed key of the PostgreSQL advisory lock that serialises first-start bootstraps. */
const ACCOUNTS_LOCK = 7_263_101;

/**
 * Holds the accounts lock until the transaction ends. PostgreSQL takes an advisory lock; SQLite needs none,
 * as its transactions begin with the database's write lock.
 */
export async function lockAccounts(trx: Executor, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK})`.execute(trx);
}
