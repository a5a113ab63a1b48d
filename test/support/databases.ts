import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBase62 } from '../../src/lib/ids.ts';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';

/** The stores this run can reach: SQLite always, PostgreSQL when TEST_DATABASE_URL names a server. */
export const availableStores: StoreKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * A fresh, empty database for one test server: by default a new PostgreSQL database on the server named by
 * TEST_DATABASE_URL when it is set, otherwise a SQLite file in a new temporary folder.
 */
export async function freshDatabase(
  kind: StoreKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite',
): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (kind === 'postgres' && !admin) throw new Error('TEST_DATABASE_URL is not set');
  if (kind === 'sqlite' || !admin) return freshSqliteFile();
  const name = `pricebook_test_${randomBase62(12).toLowerCase()}`;
  await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh SQLite file in a new temporary folder, with its path for the tests that look at the files themselves. */
export function freshSqliteFile(): TestDatabase & { path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pricebook-test-'));
  const path = join(dir, 'pricebook.db');
  return { url: `file:${path}`, path, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
