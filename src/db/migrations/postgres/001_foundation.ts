import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE businesses (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);

  await sql`CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  )`.execute(db);
  await sql`CREATE INDEX api_keys_business ON api_keys (business_id)`.execute(db);

  await sql`CREATE TABLE brands (
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    id TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    name TEXT,
    description TEXT,
    statement_descriptor TEXT NOT NULL,
    support_email TEXT,
    url TEXT,
    image_id TEXT,
    enabled INTEGER NOT NULL,
    verification_enabled INTEGER NOT NULL,
    verification_status TEXT NOT NULL,
    reason_for_hold TEXT,
    archived_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (business_id, mode, id)
  )`.execute(db);

  await sql`CREATE TABLE products (
    seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    brand_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    image_id TEXT,
    price TEXT NOT NULL,
    price_type TEXT NOT NULL,
    is_recurring INTEGER NOT NULL,
    tax_category TEXT NOT NULL,
    metadata TEXT NOT NULL,
    addons TEXT,
    license_key_enabled INTEGER NOT NULL,
    license_key_activation_message TEXT,
    license_key_activations_limit INTEGER,
    license_key_duration TEXT,
    digital_product_delivery TEXT,
    pricing_mode TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (business_id, mode, brand_id) REFERENCES brands (business_id, mode, id)
  )`.execute(db);
  await sql`CREATE INDEX products_list ON products (business_id, mode, archived, seq DESC)`.execute(db);
}
