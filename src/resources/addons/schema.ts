import { type Static, Type } from '@sinclair/typebox';
import { Currency, Int32, Nullable, OptionalNullable, PageQuery, TaxCategory, Uuid } from '../../http/schemas.ts';

// Wire shapes of /addons, named after the spec's components.

/** Name and description limits (spec `PatchAddonRequest`); applied on create as well. */
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'Name of the addon' });
const Description = Type.String({ maxLength: 1000, description: 'Description of the addon' });
/** In the currency's smallest unit. */
const Price = Int32({ minimum: 0, description: 'Amount of the addon, in the smallest unit of its currency' });

export const Addon = Type.Object(
  {
    id: Type.String(),
    business_id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    image: Nullable(Type.String()),
    price: Price,
    currency: Currency,
    tax_category: TaxCategory,
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'AddonResponse' },
);

export const CreateAddonRequest = Type.Object(
  {
    name: Name,
    description: OptionalNullable(Description),
    price: Price,
    currency: Currency,
    tax_category: TaxCategory,
  },
  { title: 'CreateAddonRequest' },
);

/** Null leaves a field unchanged (Q1), except `image_id`, where null removes the image. */
export const PatchAddonRequest = Type.Object(
  {
    name: OptionalNullable(Name),
    description: OptionalNullable(Description),
    price: OptionalNullable(Price),
    currency: OptionalNullable(Currency),
    tax_category: OptionalNullable(TaxCategory),
    image_id: OptionalNullable(Uuid),
  },
  { title: 'PatchAddonRequest' },
);

export const ListAddonsQuery = Type.Object(PageQuery);

export type Addon = Static<typeof Addon>;
export type CreateAddonRequest = Static<typeof CreateAddonRequest>;
export type PatchAddonRequest = Static<typeof PatchAddonRequest>;
export type ListAddonsQuery = Static<typeof ListAddonsQuery>;
