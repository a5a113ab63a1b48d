import { type Static, Type } from '@sinclair/typebox';
import {
  Currency,
  Int32,
  Metadata,
  Nullable,
  OptionalNullable,
  PageQuery,
  PricingMode,
  TaxCategory,
  TimeInterval,
  Uuid,
} from '../../http/schemas.ts';
import { ProductEntitlementSummary } from '../entitlements/schema.ts';
import { AttachCreditEntitlementRequest, CreditEntitlementMappingResponse } from './credit-links-schema.ts';
import { Price, PriceRequest } from './price-schema.ts';

// Wire shapes of /products, named after the spec's components.

export { AttachCreditEntitlementRequest, CreditEntitlementMappingResponse };

/** Name and description limits (spec `PatchProductRequest`); applied on create as well. */
export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;
/** Caps from spec `CreateProductRequest` and Dodo's guides. */
export const LIMITS = { addons: 10, meters: 10, creditEntitlements: 5, entitlements: 50, files: 10 } as const;

const Name = Type.String({ minLength: 1, maxLength: NAME_MAX });
const Description = Type.String({ maxLength: DESCRIPTION_MAX });

export const LicenseKeyDuration = Type.Object(
  { count: Int32({ minimum: 1 }), interval: TimeInterval },
  { title: 'License Key Duration' },
);

export const AttachProductEntitlementRequest = Type.Object({ entitlement_id: Type.String({ minLength: 1 }) });

const licenseKeyFields = {
  license_key_enabled: OptionalNullable(Type.Boolean()),
  license_key_activation_message: OptionalNullable(Type.String()),
  license_key_activations_limit: OptionalNullable(Int32({ minimum: 0 })),
  license_key_duration: OptionalNullable(LicenseKeyDuration),
};

const references = {
  addons: OptionalNullable(Type.Array(Type.String({ minLength: 1 }))),
  credit_entitlements: OptionalNullable(Type.Array(AttachCreditEntitlementRequest)),
  entitlements: OptionalNullable(Type.Array(AttachProductEntitlementRequest)),
};

export const CreateProductRequest = Type.Object({
  name: Name,
  description: OptionalNullable(Description),
  price: PriceRequest,
  tax_category: TaxCategory,
  brand_id: OptionalNullable(Type.String()),
  metadata: Type.Optional(Metadata),
  pricing_mode: OptionalNullable(PricingMode),
  digital_product_delivery: OptionalNullable(
    Type.Object({ external_url: OptionalNullable(Type.String()), instructions: OptionalNullable(Type.String()) }),
  ),
  ...references,
  ...licenseKeyFields,
});

export const PatchProductRequest = Type.Object({
  name: OptionalNullable(Name),
  description: OptionalNullable(Description),
  price: OptionalNullable(PriceRequest),
  tax_category: OptionalNullable(TaxCategory),
  brand_id: OptionalNullable(Type.String()),
  image_id: OptionalNullable(Uuid),
  metadata: OptionalNullable(Metadata),
  pricing_mode: OptionalNullable(PricingMode),
  digital_product_delivery: OptionalNullable(
    Type.Object({
      external_url: OptionalNullable(Type.String()),
      instructions: OptionalNullable(Type.String()),
      files: OptionalNullable(Type.Array(Uuid)),
    }),
  ),
  ...references,
  ...licenseKeyFields,
});

export const DigitalProductDeliveryFile = Type.Object(
  {
    file_id: Type.String(),
    filename: Type.String(),
    download_url: Type.String({ description: 'Short-lived signed URL for downloading the file.' }),
    content_type: Nullable(Type.String()),
    file_size: Nullable(Type.Integer({ description: 'Bytes.' })),
    expires_in: Type.Integer({ description: 'Seconds until download_url expires.' }),
  },
  { title: 'Digital Product Delivery File' },
);

export const DigitalProductDelivery = Type.Object({
  external_url: Nullable(Type.String()),
  instructions: Nullable(Type.String()),
  files: Type.Array(DigitalProductDeliveryFile),
});

const timestamps = {
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
};

export const Product = Type.Object(
  {
    product_id: Type.String(),
    business_id: Type.String(),
    brand_id: Type.String(),
    name: Nullable(Type.String()),
    description: Nullable(Type.String()),
    image: Nullable(Type.String()),
    price: Price,
    is_recurring: Type.Boolean(),
    tax_category: TaxCategory,
    metadata: Metadata,
    addons: Nullable(Type.Array(Type.String())),
    credit_entitlements: Type.Array(CreditEntitlementMappingResponse),
    entitlements: Type.Array(ProductEntitlementSummary),
    digital_product_delivery: Nullable(DigitalProductDelivery),
    license_key_enabled: Type.Boolean(),
    license_key_activation_message: Nullable(Type.String()),
    license_key_activations_limit: Nullable(Type.Integer()),
    license_key_duration: Nullable(LicenseKeyDuration),
    pricing_mode: Nullable(PricingMode),
    product_collection_id: Nullable(Type.String()),
    ...timestamps,
  },
  { title: 'GetProductResponse' },
);

export const ProductListItem = Type.Object(
  {
    product_id: Type.String(),
    business_id: Type.String(),
    name: Nullable(Type.String()),
    description: Nullable(Type.String()),
    image: Nullable(Type.String()),
    price: Nullable(Type.Integer({ description: 'The headline amount: price, or fixed_price for usage-based.' })),
    currency: Nullable(Currency),
    tax_inclusive: Nullable(Type.Boolean()),
    price_detail: Nullable(Price),
    pricing_mode: Nullable(PricingMode),
    is_recurring: Type.Boolean(),
    tax_category: TaxCategory,
    metadata: Metadata,
    entitlements: Type.Array(ProductEntitlementSummary),
    ...timestamps,
  },
  { title: 'GetProductsListResponseItem' },
);

export const ListProductsQuery = Type.Object({
  ...PageQuery,
  archived: Type.Optional(Type.Boolean({ description: 'List archived products' })),
  recurring: Type.Optional(Type.Boolean({ description: 'true: recurring only; false: one-time only' })),
  brand_id: Type.Optional(Type.String({ description: 'Filter by brand id' })),
});

export type CreateProductRequest = Static<typeof CreateProductRequest>;
export type PatchProductRequest = Static<typeof PatchProductRequest>;
export type Product = Static<typeof Product>;
export type ProductListItem = Static<typeof ProductListItem>;
export type ListProductsQuery = Static<typeof ListProductsQuery>;
export type LicenseKeyDuration = Static<typeof LicenseKeyDuration>;
export type { CreditEntitlementMapping } from './credit-links-schema.ts';
export type DigitalProductDeliveryFile = Static<typeof DigitalProductDeliveryFile>;
