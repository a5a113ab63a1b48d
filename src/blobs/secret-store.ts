import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';

const NAME = 'url_signing_secret';

/**
 * The secret that signs upload and download URLs, made on first use and kept in the database, so that URLs
 * survive restarts and every process on one database accepts the others' URLs.
 */
export async function storedSigningSecret(db: Executor): Promise<string> {
  await db
    .insertInto('server_settings')
    .values({ name: NAME, value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_settings').select('value').where('name', '=', NAME).executeTakeFirstOrThrow();
  return row.value;
}
