import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Server-wide values shared by every process on one database, such as the URL-signing secret.
  await sql`CREATE TABLE server_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`.execute(db);

  // One row per upload URL handed out; uploaded_at is set once the bytes are stored and passed the checks.
  await sql`CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
    file_name TEXT,
    attach_owner_type TEXT,
    attach_owner_id TEXT,
    content_type TEXT,
    size INTEGER,
    uploaded_at TEXT,
    created_at TEXT NOT NULL
  )`.execute(db);

  await sql`CREATE TABLE short_links (
    seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    slug TEXT NOT NULL,
    product_id TEXT NOT NULL REFERENCES products(id),
    full_url TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX short_links_slug ON short_links (business_id, mode, slug)`.execute(db);
  await sql`CREATE INDEX short_links_list ON short_links (business_id, mode, seq DESC)`.execute(db);

  await sql`CREATE TABLE localized_prices (
    seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    product_id TEXT NOT NULL REFERENCES products(id),
    pricing_mode TEXT NOT NULL CHECK (pricing_mode IN ('by_currency', 'by_country')),
    currency TEXT NOT NULL,
    country_code TEXT,
    amount INTEGER NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  // One active rule per currency (by_currency) or per country (by_country) on a product.
  await sql`CREATE UNIQUE INDEX localized_prices_active_currency ON localized_prices (product_id, currency)
    WHERE archived = 0 AND pricing_mode = 'by_currency'`.execute(db);
  await sql`CREATE UNIQUE INDEX localized_prices_active_country ON localized_prices (product_id, country_code)
    WHERE archived = 0 AND pricing_mode = 'by_country'`.execute(db);
}
