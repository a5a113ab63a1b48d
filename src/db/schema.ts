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
  /** 1: the key reads everything of its business and mode and may write nothing. */
  read_only: number;
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

export interface AddonsTable {
  id: string;
  business_id: string;
  mode: Mode;
  name: string;
  description: string | null;
  /** In the currency's smallest unit. */
  price: number;
  currency: string;
  tax_category: string;
  image_id: string | null;
  created_at: string;
  updated_at: string;
  seq: Generated<number>;
}

export interface MetersTable {
  id: string;
  business_id: string;
  mode: Mode;
  name: string;
  description: string | null;
  event_name: string;
  measurement_unit: string;
  aggregation_type: string;
  aggregation_key: string | null;
  /** JSON `MeterFilter`, or null. */
  filter: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
  seq: Generated<number>;
}

export interface CreditEntitlementsTable {
  id: string;
  business_id: string;
  mode: Mode;
  name: string;
  description: string | null;
  precision: number;
  unit: string;
  currency: string | null;
  expires_after_days: number | null;
  max_rollover_count: number | null;
  overage_enabled: number;
  overage_behavior: string;
  /** BIGINT: PostgreSQL returns it as a string. */
  overage_limit: number | string | null;
  price_per_unit: string | null;
  rollover_enabled: number;
  rollover_percentage: number | null;
  rollover_timeframe_count: number | null;
  rollover_timeframe_interval: string | null;
  /** Set while soft-deleted; deleted rows stay so that products keep their attachments. */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  seq: Generated<number>;
}

export interface EntitlementsTable {
  id: string;
  business_id: string;
  mode: Mode;
  name: string;
  description: string | null;
  integration_type: string;
  /** JSON: the stored `IntegrationConfig` of `integration_type`. */
  integration_config: string;
  /** JSON object. */
  metadata: string;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  seq: Generated<number>;
}

/** A credit entitlement attached to a product, with the settings resolved when it was attached. */
export interface ProductCreditEntitlementsTable {
  /** A UUID: the mapping id products show. */
  id: string;
  business_id: string;
  mode: Mode;
  product_id: string;
  credit_entitlement_id: string;
  /** 0-based and dense within the product: the order the request gave. */
  position: number;
  credits_amount: string;
  currency: string | null;
  expires_after_days: number | null;
  low_balance_threshold_percent: number | null;
  max_rollover_count: number | null;
  overage_behavior: string;
  overage_enabled: number;
  overage_limit: string | null;
  price_per_unit: string | null;
  proration_behavior: string;
  rollover_enabled: number;
  rollover_percentage: number | null;
  rollover_timeframe_count: number | null;
  rollover_timeframe_interval: string | null;
  trial_credits: string | null;
  trial_credits_expire_after_trial: number;
}

export interface ProductEntitlementsTable {
  business_id: string;
  mode: Mode;
  product_id: string;
  entitlement_id: string;
  /** 0-based and dense within the product: the order the request gave. */
  position: number;
}

/** The first answer to a POST or PATCH sent with an `Idempotency-Key`, replayed to the same request for 24 hours. */
export interface IdempotencyKeysTable {
  business_id: string;
  mode: Mode;
  key: string;
  /** SHA-256 of the method, path and body: a different request under the same key is refused. */
  fingerprint: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  response: string | null;
  created_at: string;
}

/** Values shared by every process on one database, such as the URL-signing secret. */
export interface ServerSettingsTable {
  name: string;
  value: string;
}

/** One upload URL handed out: an image (`image_id`) or a product file (`file_id`). */
export interface UploadsTable {
  /** A UUID: the `image_id` or `file_id` clients see. */
  id: string;
  business_id: string;
  mode: Mode;
  kind: 'image' | 'file';
  /** The name given to `PUT /products/{id}/files`; null for images. */
  file_name: string | null;
  /** Set when the upload attaches itself to this owner once its bytes arrive (an image PUT without force_update). */
  attach_owner_type: string | null;
  attach_owner_id: string | null;
  content_type: string | null;
  /** Bytes; known once the upload is checked. */
  size: number | null;
  /** Set once the bytes are in the blob store and passed the checks (image type, size). */
  uploaded_at: string | null;
  created_at: string;
}

export interface ShortLinksTable {
  seq: Generated<number>;
  business_id: string;
  mode: Mode;
  /** Unique per business and mode. */
  slug: string;
  product_id: string;
  full_url: string;
  created_at: string;
}

export interface LocalizedPricesTable {
  seq: Generated<number>;
  id: string;
  business_id: string;
  mode: Mode;
  product_id: string;
  pricing_mode: 'by_currency' | 'by_country';
  currency: string;
  /** Set only for by_country rules. */
  country_code: string | null;
  /** In the currency's smallest unit, > 0. */
  amount: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface DB {
  businesses: BusinessesTable;
  api_keys: ApiKeysTable;
  brands: BrandsTable;
  products: ProductsTable;
  product_collections: ProductCollectionsTable;
  product_collection_groups: ProductCollectionGroupsTable;
  product_collection_items: ProductCollectionItemsTable;
  addons: AddonsTable;
  meters: MetersTable;
  credit_entitlements: CreditEntitlementsTable;
  entitlements: EntitlementsTable;
  product_credit_entitlements: ProductCreditEntitlementsTable;
  product_entitlements: ProductEntitlementsTable;
  server_settings: ServerSettingsTable;
  uploads: UploadsTable;
  short_links: ShortLinksTable;
  localized_prices: LocalizedPricesTable;
  idempotency_keys: IdempotencyKeysTable;
}
