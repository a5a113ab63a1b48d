import { type Static, Type } from '@sinclair/typebox';
import { Int64, Nullable, OptionalNullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts';
import { ProductCollectionGroup, ProductCollectionGroupResponse } from './groups-schema.ts';

// Wire shapes of /product-collections, named after the spec's components.

export const EffectiveAt = StringEnum(['immediately', 'next_billing_date'], {
  title: 'EffectiveAt',
  description: 'When to apply a subscription plan change.',
});
export const OnPaymentFailure = StringEnum(['prevent_change', 'apply_change'], { title: 'OnPaymentFailure' });
export const ProrationBillingMode = StringEnum(
  ['prorated_immediately', 'full_immediately', 'difference_immediately', 'do_not_bill'],
  { title: 'Proration Billing Mode' },
);

/** The plan-change policies of a collection; null inherits the business default. */
const Policies = Type.Object({
  effective_at_on_upgrade: Nullable(EffectiveAt),
  effective_at_on_downgrade: Nullable(EffectiveAt),
  on_payment_failure: Nullable(OnPaymentFailure),
  proration_billing_mode_on_upgrade: Nullable(ProrationBillingMode),
  proration_billing_mode_on_downgrade: Nullable(ProrationBillingMode),
});
export const POLICY_FIELDS = Object.keys(Policies.properties) as (keyof Policies)[];
/** On requests: a value sets, null clears back to inherit, and an absent field keeps what is stored. */
const optionalPolicies = Type.Partial(Policies).properties;

const Name = Type.String({ minLength: 1, description: 'Name of the product collection' });

export const CreateProductCollectionRequest = Type.Object({
  name: Name,
  description: OptionalNullable(Type.String()),
  brand_id: OptionalNullable(Type.String({ description: 'Defaults to the primary brand' })),
  groups: Type.Array(ProductCollectionGroup, { description: 'Groups of products in this collection' }),
  ...optionalPolicies,
});

/** Null means "no change" for name, brand_id and group_order, and "clear" for every other field (Q1). */
export const PatchProductCollectionRequest = Type.Object({
  name: OptionalNullable(Name),
  description: OptionalNullable(Type.String({ description: 'null removes it; omit to keep it' })),
  brand_id: OptionalNullable(Type.String()),
  image_id: OptionalNullable(Type.String({ format: 'uuid', description: 'null removes it; omit to keep it' })),
  group_order: OptionalNullable(Type.Array(Uuid, { description: 'Every group id, in the wanted order' })),
  ...optionalPolicies,
});

const timestamps = {
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
};

export const ProductCollection = Type.Object(
  {
    id: Type.String({ description: 'Unique identifier for the product collection' }),
    brand_id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    image: Nullable(Type.String({ description: 'URL of the collection image' })),
    groups: Type.Array(ProductCollectionGroupResponse, { description: 'Groups in display order' }),
    ...Policies.properties,
    ...timestamps,
  },
  { title: 'ProductCollectionResponse' },
);

export const ProductCollectionListItem = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    image: Nullable(Type.String()),
    products_count: Int64({ description: 'Items in every group, whatever their status' }),
    ...timestamps,
  },
  { title: 'ProductCollectionListItem' },
);

export const ListProductCollectionsQuery = Type.Object({
  ...PageQuery,
  archived: Type.Optional(Type.Boolean({ description: 'List archived collections' })),
  brand_id: Type.Optional(Type.String({ description: 'Filter by Brand id' })),
});

export const UndeleteCollectionResponse = Type.Object(
  {
    message: Type.String(),
    collection_id: Type.String(),
    excluded_product_ids: Type.Array(Type.String(), {
      description: 'Products whose items were removed because the products are archived',
    }),
  },
  { title: 'UndeleteCollectionResponse' },
);

export type CreateProductCollectionRequest = Static<typeof CreateProductCollectionRequest>;
export type PatchProductCollectionRequest = Static<typeof PatchProductCollectionRequest>;
export type ProductCollection = Static<typeof ProductCollection>;
export type ProductCollectionListItem = Static<typeof ProductCollectionListItem>;
export type ListProductCollectionsQuery = Static<typeof ListProductCollectionsQuery>;
export type UndeleteCollectionResponse = Static<typeof UndeleteCollectionResponse>;
export type Policies = Static<typeof Policies>;
