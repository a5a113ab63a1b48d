import { type Kysely, sql } from 'kysely';

// A digital_files entitlement now stores the ids of its files, added by POST /entitlements/{id}/files; configs
// stored before held none, so they get empty lists. json_insert leaves a key that is already there alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE entitlements
    SET integration_config = json_insert(integration_config, '$.digital_file_ids', json('[]'), '$.legacy_file_ids', NULL)
    WHERE integration_type = 'digital_files'`.execute(db);
}
