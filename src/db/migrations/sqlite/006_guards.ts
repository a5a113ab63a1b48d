import { type Kysely, sql } from 'kysely';

// Read-only API keys, and the answers kept for Idempotency-Key replays (one row per key of a business and mode).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_keys ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`CREATE TABLE idempotency_keys (
    business_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    response TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (business_id, mode, key)
  )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`.execute(db);
}
