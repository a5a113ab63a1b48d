import { createHash } from 'node:crypto';
import type { Database, Executor } from '../db/database.ts';
import type { Mode } from '../db/schema.ts';
import { now } from '../lib/clock.ts';
import { newId, randomBase62 } from '../lib/ids.ts';
import { insertBrand } from '../resources/brands/store.ts';
import { keyCache } from './key-cache.ts';
import * as store from './store.ts';

export const MODES: readonly Mode[] = ['test', 'live'];

export interface BusinessView {
  business_id: string;
  brand_id: string;
  name: string;
  created_at: string;
}

export interface ApiKeyView {
  key_id: string;
  business_id: string;
  mode: Mode;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
  read_only: boolean;
}

export interface IssuedKey {
  key: string;
  key_id: string;
  business_id: string;
  mode: Mode;
  read_only: boolean;
}

/** Keys carry 32 random base62 characters (about 190 bits), so a plain SHA-256 is a safe hash for them. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const KEY_SHAPE = /^pb_(test|live)_[0-9A-Za-z]{32}$/;

/** Whether `token` has the shape of a key this server issues (not whether such a key exists). */
export function looksLikeApiKey(token: string): boolean {
  return KEY_SHAPE.test(token);
}

/** The statement descriptor a brand gets when none is given: its name, upper-cased, at most 22 characters. */
export function defaultStatementDescriptor(name: string): string {
  return name.toUpperCase().slice(0, 22);
}

/** A business, with its primary brand (whose id is the business id) in both modes. */
export async function createBusiness(database: Database, name: string): Promise<BusinessView> {
  return database.transaction((trx) => insertBusiness(trx, name));
}

async function insertBusiness(trx: Executor, name: string): Promise<BusinessView> {
  const id = newId('business');
  const at = now();
  await store.insertBusiness(trx, { id, name, created_at: at });
  for (const mode of MODES) {
    await insertBrand(trx, {
      business_id: id,
      mode,
      id,
      is_primary: true,
      name,
      description: null,
      statement_descriptor: defaultStatementDescriptor(name),
      support_email: null,
      url: null,
      image_id: null,
      enabled: true,
      verification_enabled: true,
      verification_status: 'Success',
      reason_for_hold: null,
      archived_at: null,
      created_at: at,
      updated_at: at,
    });
  }
  return { business_id: id, brand_id: id, name, created_at: at };
}

export async function listBusinesses(db: Executor): Promise<BusinessView[]> {
  const rows = await store.listBusinesses(db);
  return rows.map((r) => ({ business_id: r.id, brand_id: r.id, name: r.name, created_at: r.created_at }));
}

export async function createApiKey(
  db: Executor,
  businessId: string,
  mode: Mode,
  options: { readOnly?: boolean } = {},
): Promise<IssuedKey> {
  const readOnly = options.readOnly ?? false;
  if (!(await store.findBusiness(db, businessId))) throw new Error(`no business ${businessId}`);
  const key = `pb_${mode}_${randomBase62(32)}`;
  const keyId = newId('apiKey');
  await store.insertApiKey(db, {
    id: keyId,
    business_id: businessId,
    mode,
    key_hash: hashKey(key),
    key_prefix: key.slice(0, 12),
    created_at: now(),
    revoked_at: null,
    read_only: readOnly,
  });
  return { key, key_id: keyId, business_id: businessId, mode, read_only: readOnly };
}

function keyView(row: store.ApiKeyRow): ApiKeyView {
  return {
    key_id: row.id,
    business_id: row.business_id,
    mode: row.mode,
    key_prefix: row.key_prefix,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
    read_only: row.read_only,
  };
}

export async function listApiKeys(db: Executor, businessId: string): Promise<ApiKeyView[]> {
  if (!(await store.findBusiness(db, businessId))) throw new Error(`no business ${businessId}`);
  return (await store.listApiKeys(db, businessId)).map(keyView);
}

export async function revokeApiKey(db: Executor, keyId: string): Promise<ApiKeyView> {
  const row = await store.revokeApiKey(db, keyId, now());
  if (!row) throw new Error(`no API key ${keyId}`);
  return keyView(row);
}

export type { KeyGrant } from './store.ts';

export interface Authenticator {
  /**
   * What a bearer token grants, or undefined for an unknown key or one revoked over 1 s ago: at once when the key
   * was checked less than a second ago, else a promise.
   */
  authenticate(token: string): store.KeyGrant | Promise<store.KeyGrant | undefined>;
  close(): Promise<void>;
}

/**
 * Checks keys against an in-memory cache of those looked up (key-cache.ts): on the route every request takes,
 * the lookup was a sixth of a GET's CPU (bench/RESULTS.md). A new key is read from the database on first use;
 * a revoked one is forgotten by every process within 1 s.
 */
export async function keyAuthenticator(database: Database): Promise<Authenticator> {
  // Kept by the token itself, not its hash: hashing was a twentieth of a GET's CPU. The tokens stay in this process's
  // memory, which every request's headers reach anyway; only their hashes are ever stored.
  const cache = await keyCache(database, (token) => store.findGrantByKeyHash(database.db, hashKey(token)));
  return { authenticate: cache.get, close: cache.close };
}

/**
 * On an empty database, creates the `default` business with a test and a live key and returns them. Several
 * processes starting at once on one empty database create it once: the check and the create share a lock.
 */
export async function bootstrap(
  database: Database,
): Promise<{ business: BusinessView; keys: IssuedKey[] } | undefined> {
  return database.transaction(async (trx) => {
    await store.lockAccounts(trx, database.dialect);
    if ((await store.countBusinesses(trx)) > 0) return undefined;
    const business = await insertBusiness(trx, 'default');
    const keys: IssuedKey[] = [];
    for (const mode of MODES) keys.push(await createApiKey(trx, business.business_id, mode));
    return { business, keys };
  });
}
