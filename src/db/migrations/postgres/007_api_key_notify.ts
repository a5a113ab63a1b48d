import { type Kysely, sql } from 'kysely';

// Servers keep the keys they have looked up in memory; any change to api_keys (a revocation above all) tells
// every listening process to forget them. SQLite needs no trigger: servers read its change counter instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE FUNCTION pricebook_api_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('pricebook_api_keys', '');
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION pricebook_api_keys_changed()`.execute(db);
}
