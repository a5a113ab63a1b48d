import { type Static, Type } from '@sinclair/typebox';
import { CountryCode, Currency, Int32, Nullable, OptionalNullable, PricingMode } from '../../http/schemas.ts';

// Wire shapes of /products/{product_id}/localized-prices, named after the spec's components.

/** In the currency's smallest unit, greater than zero. */
const Amount = Int32({
  minimum: 1,
  description: 'Amount in the smallest currency unit (e.g., cents); greater than zero.',
});

export const CreateLocalizedPriceRequest = Type.Object(
  {
    currency: Currency,
    amount: Amount,
    country_code: OptionalNullable(CountryCode),
  },
  { title: 'CreateLocalizedPriceRequest' },
);

export const PatchLocalizedPriceRequest = Type.Object(
  { amount: OptionalNullable(Amount) },
  { title: 'PatchLocalizedPriceRequest' },
);

export const LocalizedPrice = Type.Object(
  {
    id: Type.String({ description: 'Unique identifier for the localized price.' }),
    product_id: Type.String(),
    mode: PricingMode,
    currency: Currency,
    amount: Int32(),
    country_code: Nullable(CountryCode),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'LocalizedPriceResponse' },
);

export const ProductIdParams = Type.Object({ product_id: Type.String() });
export const LocalizedPriceParams = Type.Object({ product_id: Type.String(), id: Type.String() });

export type CreateLocalizedPriceRequest = Static<typeof CreateLocalizedPriceRequest>;
export type PatchLocalizedPriceRequest = Static<typeof PatchLocalizedPriceRequest>;
export type LocalizedPrice = Static<typeof LocalizedPrice>;
export type RuleMode = LocalizedPrice['mode'];
