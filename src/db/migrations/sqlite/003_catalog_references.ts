import { type Kysely, sql } from 'kysely';

// What a product points at by id: addons, meters, credit entitlements and entitlements, and the two link
// tables that attach credit entitlements (with per-attachment settings) and entitlements to products.
// Soft states are columns (`archived`, `deleted_at`) because archived and deleted rows stay referenced.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE addons (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    price INTEGER NOT NULL,
    currency TEXT NOT NULL,
    tax_category TEXT NOT NULL,
    image_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX addons_list ON addons (business_id, mode, seq DESC)`.execute(db);

  await sql`CREATE TABLE meters (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    event_name TEXT NOT NULL,
    measurement_unit TEXT NOT NULL,
    aggregation_type TEXT NOT NULL,
    aggregation_key TEXT,
    filter TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX meters_list ON meters (business_id, mode, archived, seq DESC)`.execute(db);

  await sql`CREATE TABLE credit_entitlements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    precision INTEGER NOT NULL,
    unit TEXT NOT NULL,
    currency TEXT,
    expires_after_days INTEGER,
    max_rollover_count INTEGER,
    overage_enabled INTEGER NOT NULL,
    overage_behavior TEXT NOT NULL,
    overage_limit BIGINT,
    price_per_unit TEXT,
    rollover_enabled INTEGER NOT NULL,
    rollover_percentage INTEGER,
    rollover_timeframe_count INTEGER,
    rollover_timeframe_interval TEXT,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX credit_entitlements_list ON credit_entitlements (business_id, mode, seq DESC)`.execute(db);

  await sql`CREATE TABLE entitlements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    integration_type TEXT NOT NULL,
    integration_config TEXT NOT NULL,
    metadata TEXT NOT NULL,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX entitlements_list ON entitlements (business_id, mode, seq DESC)`.execute(db);

  await sql`CREATE TABLE product_credit_entitlements (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    product_id TEXT NOT NULL REFERENCES products(id),
    credit_entitlement_id TEXT NOT NULL REFERENCES credit_entitlements(id),
    position INTEGER NOT NULL,
    credits_amount TEXT NOT NULL,
    currency TEXT,
    expires_after_days INTEGER,
    low_balance_threshold_percent INTEGER,
    max_rollover_count INTEGER,
    overage_behavior TEXT NOT NULL,
    overage_enabled INTEGER NOT NULL,
    overage_limit TEXT,
    price_per_unit TEXT,
    proration_behavior TEXT NOT NULL,
    rollover_enabled INTEGER NOT NULL,
    rollover_percentage INTEGER,
    rollover_timeframe_count INTEGER,
    rollover_timeframe_interval TEXT,
    trial_credits TEXT,
    trial_credits_expire_after_trial INTEGER NOT NULL,
    UNIQUE (product_id, credit_entitlement_id),
    UNIQUE (product_id, position)
  )`.execute(db);

  await sql`CREATE TABLE product_entitlements (
    business_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    product_id TEXT NOT NULL REFERENCES products(id),
    entitlement_id TEXT NOT NULL REFERENCES entitlements(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (product_id, entitlement_id),
    UNIQUE (product_id, position)
  )`.execute(db);
  await sql`CREATE INDEX product_entitlements_entitlement ON product_entitlements (entitlement_id)`.execute(db);
}
