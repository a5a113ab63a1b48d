import { type Kysely, sql } from 'kysely';

// A digital_files entitlement now stores the ids of its files, added by POST /entitlements/{id}/files; configs
// stored before held none, so they get empty lists. Keys already stored win over the defaults on the left.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE entitlements
    SET integration_config = ('{"digital_file_ids": [], "legacy_file_ids": null}'::jsonb || integration_config::jsonb)::text
    WHERE integration_type = 'digital_files'`.execute(db);
}
