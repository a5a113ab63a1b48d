import type { Generated } from 'kysely';

// Row types of every table, as Kysely sees them. Booleans are stored as 0/1 integers and JSON as text
// on both SQLite and PostgreSQL, so that one set of queries serves both stores.

export type Mode = 'test' | 'live';

export interface BusinessesTable {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  business_id: string;
  mode: Mode;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  key_hash: string;
  /** The first characters of the key, so that people can tell their keys apart in `keys list`. */
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface BrandsTable {
  business_id: string;
  mode: Mode;
  id: string;
  is_primary: number;
  name: string | null;
  description: string | null;
  statement_descriptor: string;
  support_email: string | null;
  url: string | null;
  image_id: string | null;
  enabled: number;
  verification_enabled: number;
  verification_status: string;
  reason_for_hold: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  id: string;
  business_id: string;
  mode: Mode;
  brand_id: string;
  name: string;
  description: string | null;
  image_id: string | null;
  /** The `Price` union as JSON; `price_type` repeats its `type` for filtering. */
  price: string;
  price_type: string;
  is_recurring: number;
  tax_category: string;
  /** JSON object. */
  metadata: string;
  /** JSON array of addon ids, or null. */
  addons: string | null;
  license_key_enabled: number;
  license_key_activation_message: string | null;
  license_key_activations_limit: number | null;
  /** JSON `{count, interval}` or null. */
  license_key_duration: string | null;
  /** JSON `{external_url, instructions, files}` or null. */
  digital_product_delivery: string | null;
  pricing_mode: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
  /** Insertion order; breaks ties between rows created in the same millisecond. */
  seq: Generated<number>;
}

export interface ProductCollectionsTable {
  id: string;
  business_id: string;
  mode: Mode;
  brand_id: string;
  name: string;
  description: string | null;
  image_id: string | null;
  /** The five plan-change policies; null inherits the business default. */
  effective_at_on_upgrade: string | null;
  effective_at_on_downgrade: string | null;
  on_payment_failure: string | null;
  proration_billing_mode_on_upgrade: string | null;
  proration_billing_mode_on_downgrade: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
  /** Insertion order; breaks ties between rows created in the same millisecond. */
  seq: Generated<number>;
}

export interface ProductCollectionGroupsTable {
  /** A UUID, stored as text. */
  id: string;
  business_id: string;
  mode: Mode;
  collection_id: string;
  name: string | null;
  status: number;
  /** 0-based and dense within the collection: the display order. */
  position: number;
}

export interface ProductCollectionItemsTable {
  /** A UUID, stored as text. */
  id: string;
  business_id: string;
  mode: Mode;
  collection_id: string;
  group_id: string;
  /** Unique: a product belongs to at most one collection. */
  product_id: string;
  status: number;
  /** 0-based and dense within the group: the display order. */
  position: number;
}

export interface DB {
  businesses: BusinessesTable;
  api_keys: ApiKeysTable;
  brands: BrandsTable;
  products: ProductsTable;
  product_collections: ProductCollectionsTable;
  product_collection_groups: ProductCollectionGroupsTable;
  product_collection_items: ProductCollectionItemsTable;
}
