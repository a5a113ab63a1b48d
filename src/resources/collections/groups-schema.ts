import { type Static, Type } from '@sinclair/typebox';
import { Currency, Int32, Int64, Nullable, OptionalNullable, TaxCategory, Uuid } from '../../http/schemas.ts';
import { Price } from '../products/price-schema.ts';

// Wire shapes of a collection's groups and items, named after the spec's components.

export const GroupProduct = Type.Object({
  product_id: Type.String({ description: 'Product ID to include in the group' }),
  status: OptionalNullable(Type.Boolean({ description: 'Defaults to true' })),
});

export const ProductCollectionGroup = Type.Object({
  products: Type.Array(GroupProduct, { description: 'Products in this group, in display order' }),
  group_name: OptionalNullable(Type.String({ description: 'Named groups are unique per collection' })),
  status: OptionalNullable(Type.Boolean({ description: 'Defaults to true' })),
});

export const AddProductsToGroupRequest = Type.Object({
  products: Type.Array(GroupProduct, { description: 'Products to append to the group' }),
});

/** `group_name`: a value sets, null clears, absent keeps. `product_order` and `status`: null keeps (Q1). */
export const PatchProductCollectionGroupRequest = Type.Object({
  group_name: OptionalNullable(Type.String()),
  product_order: OptionalNullable(Type.Array(Uuid, { description: 'Every item id of the group, in the wanted order' })),
  status: OptionalNullable(Type.Boolean()),
});

export const PatchProductCollectionGroupProductRequest = Type.Object({
  status: Type.Boolean({ description: 'Status of the product in the group' }),
});

/** An item: its own id and status, with the product's fields as they are when read. */
export const ProductCollectionProduct = Type.Object(
  {
    id: Type.String({ description: 'The item id (the product membership in the group), a UUID' }),
    product_id: Type.String(),
    status: Type.Boolean(),
    name: Nullable(Type.String()),
    description: Nullable(Type.String()),
    price: Nullable(Int32({ description: 'The headline amount: price, or fixed_price for usage-based.' })),
    currency: Nullable(Currency),
    price_detail: Nullable(Price),
    tax_category: Nullable(TaxCategory),
    tax_inclusive: Nullable(Type.Boolean()),
    is_recurring: Type.Boolean(),
    license_key_enabled: Type.Boolean(),
    addons_count: Int64(),
    meters_count: Int64(),
    files_count: Int64(),
    has_credit_entitlements: Type.Boolean(),
  },
  { title: 'ProductCollectionProductResponse' },
);

export const ProductCollectionGroupResponse = Type.Object(
  {
    group_id: Type.String({ description: 'A UUID' }),
    group_name: Nullable(Type.String()),
    status: Type.Boolean(),
    products: Type.Array(ProductCollectionProduct, { description: 'Items in display order' }),
  },
  { title: 'ProductCollectionGroupResponse' },
);

export const GroupParams = Type.Object({ id: Type.String(), group_id: Uuid });
export const ItemParams = Type.Object({ id: Type.String(), group_id: Uuid, item_id: Uuid });

export type GroupProduct = Static<typeof GroupProduct>;
export type ProductCollectionGroup = Static<typeof ProductCollectionGroup>;
export type AddProductsToGroupRequest = Static<typeof AddProductsToGroupRequest>;
export type PatchProductCollectionGroupRequest = Static<typeof PatchProductCollectionGroupRequest>;
export type ProductCollectionProduct = Static<typeof ProductCollectionProduct>;
export type ProductCollectionGroupResponse = Static<typeof ProductCollectionGroupResponse>;
