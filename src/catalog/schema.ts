import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CountryCode, Currency, Metadata, OptionalNullable, PricingMode, TaxCategory } from '../http/schemas.ts';
import { CreateAddonRequest } from '../resources/addons/schema.ts';
import { CreateBrandRequest } from '../resources/brands/schema.ts';
import { CreateCreditEntitlementRequest } from '../resources/credit-entitlements/schema.ts';
import { EntitlementIntegrationType } from '../resources/entitlements/integration-config.ts';
import { CreateMeterRequest } from '../resources/meters/schema.ts';
import { OneTimePrice, RecurringPrice, UsageBasedPrice } from '../resources/products/price-schema.ts';
import { AttachCreditEntitlementRequest, CreateProductRequest } from '../resources/products/schema.ts';
import { CreateShortLinkRequest } from '../resources/short-links/schema.ts';

// The catalog file: one business and mode, objects named by keys the file chooses. Fields carry the API's
// names and meanings; a reference to another object is that object's key, in a field named after the kind
// it points at (`brand`, `meter`, `addons`, …). docs/catalog.schema.json is generated from these declarations.

export const CATALOG_VERSION = 1;

const Key = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$',
  description: 'Names the object inside this file; other objects refer to it by this key',
});
const Path = Type.String({ minLength: 1, description: 'A file, relative to the catalog file' });
const Archived = Type.Optional(Type.Boolean({ description: 'The object exists but is archived' }));
const Image = OptionalNullable(Path);

/** The shared head of every object: its key and whether it is archived. */
const head = { key: Key, archived: Archived };

const without = <T extends Record<string, TSchema>>(properties: T, ...names: string[]) =>
  Object.fromEntries(Object.entries(properties).filter(([name]) => !names.includes(name))) as T;

export const CatalogBrand = Type.Object({ ...head, ...CreateBrandRequest.properties, image: Image });

export const CatalogMeter = Type.Object({ ...head, ...CreateMeterRequest.properties });

export const CatalogCreditEntitlement = Type.Object({ ...head, ...CreateCreditEntitlementRequest.properties });

const DigitalFiles = Type.Object({
  external_url: OptionalNullable(Type.String()),
  instructions: OptionalNullable(Type.String()),
  files: Type.Optional(Type.Array(Path, { description: 'Uploaded to the entitlement, in this order' })),
});

export const CatalogEntitlement = Type.Object({
  key: Key,
  name: Type.String({ minLength: 1 }),
  description: OptionalNullable(Type.String()),
  integration_type: EntitlementIntegrationType,
  integration_config: Type.Record(Type.String(), Type.Unknown(), {
    description: "The API's integration_config; for digital_files: external_url, instructions and files (paths)",
  }),
  metadata: Type.Optional(Metadata),
});

export const CatalogAddon = Type.Object({ key: Key, ...CreateAddonRequest.properties, image: Image });

const PriceMeter = Type.Object({
  meter: Key,
  credit_entitlement: OptionalNullable(Key),
  price_per_unit: OptionalNullable(Type.String()),
  free_threshold: OptionalNullable(Type.Integer({ minimum: 0 })),
  meter_units_per_credit: OptionalNullable(Type.String()),
});

const relaxed = (properties: Record<string, TSchema>) =>
  Type.Object({
    ...properties,
    discount: Type.Optional(properties.discount as TSchema),
    purchasing_power_parity: Type.Optional(properties.purchasing_power_parity as TSchema),
  });

export const CatalogPrice = Type.Union([
  relaxed(OneTimePrice.properties),
  relaxed(RecurringPrice.properties),
  relaxed({
    ...without(UsageBasedPrice.properties, 'meters'),
    meters: OptionalNullable(Type.Array(PriceMeter)),
  }),
]);

const ProductCreditEntitlement = Type.Object({
  credit_entitlement: Key,
  ...without(AttachCreditEntitlementRequest.properties, 'credit_entitlement_id'),
});

const LocalizedPrice = Type.Object({
  currency: Currency,
  country_code: OptionalNullable(CountryCode),
  amount: Type.Integer({ minimum: 1 }),
});

export const CatalogProduct = Type.Object({
  ...head,
  ...without(
    CreateProductRequest.properties,
    'price',
    'brand_id',
    'addons',
    'credit_entitlements',
    'entitlements',
    'digital_product_delivery',
  ),
  pricing_mode: OptionalNullable(PricingMode),
  tax_category: TaxCategory,
  price: CatalogPrice,
  brand: Type.Optional(Key),
  addons: Type.Optional(Type.Array(Key)),
  entitlements: Type.Optional(Type.Array(Key)),
  credit_entitlements: Type.Optional(Type.Array(ProductCreditEntitlement)),
  digital_product_delivery: OptionalNullable(DigitalFiles),
  image: Image,
  localized_prices: Type.Optional(Type.Array(LocalizedPrice)),
  short_links: Type.Optional(
    Type.Array(CreateShortLinkRequest, { description: 'Created when missing; a short link cannot change' }),
  ),
});

const GroupItem = Type.Object({ product: Key, status: Type.Optional(Type.Boolean()) });

const Group = Type.Object({
  name: OptionalNullable(Type.String()),
  status: Type.Optional(Type.Boolean()),
  items: Type.Array(GroupItem, { description: 'In display order' }),
});

const Policy = OptionalNullable(Type.String());

export const CatalogCollection = Type.Object({
  ...head,
  name: Type.String({ minLength: 1 }),
  description: OptionalNullable(Type.String()),
  brand: Type.Optional(Key),
  image: Image,
  effective_at_on_upgrade: Policy,
  effective_at_on_downgrade: Policy,
  on_payment_failure: Policy,
  proration_billing_mode_on_upgrade: Policy,
  proration_billing_mode_on_downgrade: Policy,
  groups: Type.Array(Group, { description: 'In display order' }),
});

export const Catalog = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    version: Type.Literal(CATALOG_VERSION),
    brands: Type.Optional(Type.Array(CatalogBrand)),
    meters: Type.Optional(Type.Array(CatalogMeter)),
    credit_entitlements: Type.Optional(Type.Array(CatalogCreditEntitlement)),
    entitlements: Type.Optional(Type.Array(CatalogEntitlement)),
    addons: Type.Optional(Type.Array(CatalogAddon)),
    products: Type.Optional(Type.Array(CatalogProduct)),
    collections: Type.Optional(Type.Array(CatalogCollection)),
  },
  { title: 'Pricebook catalog file', additionalProperties: false },
);

export type Catalog = Static<typeof Catalog>;

/** Every kind of object, in the order creates run: each may point only at kinds before it. */
export const KINDS = [
  'brands',
  'meters',
  'credit_entitlements',
  'entitlements',
  'addons',
  'products',
  'collections',
] as const;
export type Kind = (typeof KINDS)[number];

/** One object of the file, as the planner sees it: fields by name, references as keys. */
export type Entry = { key: string; archived?: boolean } & Record<string, unknown>;
