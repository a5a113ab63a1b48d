import { type Kysely, sql } from 'kysely';

// Product collections: a collection holds ordered groups, a group holds ordered items, an item puts one
// product in the group. Group and item ids are UUIDs kept as TEXT, so no malformed id can reach a typed column.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE product_collections (
    seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    business_id TEXT NOT NULL REFERENCES businesses(id),
    mode TEXT NOT NULL,
    brand_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    image_id TEXT,
    effective_at_on_upgrade TEXT,
    effective_at_on_downgrade TEXT,
    on_payment_failure TEXT,
    proration_billing_mode_on_upgrade TEXT,
    proration_billing_mode_on_downgrade TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (business_id, mode, brand_id) REFERENCES brands (business_id, mode, id)
  )`.execute(db);
  await sql`CREATE INDEX product_collections_list ON product_collections (business_id, mode, archived, seq DESC)`.execute(
    db,
  );

  await sql`CREATE TABLE product_collection_groups (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    collection_id TEXT NOT NULL REFERENCES product_collections(id),
    name TEXT,
    status INTEGER NOT NULL,
    position INTEGER NOT NULL
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX product_collection_groups_position
    ON product_collection_groups (collection_id, position)`.execute(db);
  // NULLs never collide in a unique index, so any number of groups may be unnamed.
  await sql`CREATE UNIQUE INDEX product_collection_groups_name ON product_collection_groups (collection_id, name)`.execute(
    db,
  );

  await sql`CREATE TABLE product_collection_items (
    id TEXT PRIMARY KEY,
    business_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    collection_id TEXT NOT NULL REFERENCES product_collections(id),
    group_id TEXT NOT NULL REFERENCES product_collection_groups(id),
    product_id TEXT NOT NULL REFERENCES products(id),
    status INTEGER NOT NULL,
    position INTEGER NOT NULL
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX product_collection_items_position ON product_collection_items (group_id, position)`.execute(
    db,
  );
  // A product belongs to at most one collection: the index, not a prior read, is what concurrent adds cannot beat.
  await sql`CREATE UNIQUE INDEX product_collection_items_product ON product_collection_items (product_id)`.execute(db);
  await sql`CREATE INDEX product_collection_items_collection ON product_collection_items (collection_id)`.execute(db);
}
