import { type SchemaOptions, type Static, type TSchema, Type } from '@sinclair/typebox';
import { COUNTRY_CODES, CURRENCIES } from './codes.ts';

// Wire shapes shared by several resources. Names match the spec's component names.

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A field that may be left out or sent as null. */
export const OptionalNullable = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

/** A string enum as one `enum` keyword, so that a wrong value gets one clear error, not one per member. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: values, ...options });

export const Currency = StringEnum(CURRENCIES, { title: 'Currency', description: 'ISO 4217 currency code' });

export const CountryCode = StringEnum(COUNTRY_CODES, {
  title: 'CountryCodeAlpha2',
  description: 'ISO 3166-1 alpha-2 country code',
});

export const TaxCategory = StringEnum(['digital_products', 'saas', 'e_book', 'edtech', 'live_tutoring'], {
  title: 'TaxCategory',
});

export const TimeInterval = StringEnum(['Day', 'Week', 'Month', 'Year'], { title: 'TimeInterval' });

export const PricingMode = StringEnum(['by_currency', 'by_country'], { title: 'PricingMode' });

export const Int32 = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: -2147483648, maximum: 2147483647, ...options });

export const Int64 = (options: { minimum?: number; maximum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, ...options });

/** Metadata limits from Dodo's metadata docs: 50 pairs, keys of 40 `[A-Za-z0-9_-]`, values of 500 characters. */
export const METADATA_LIMITS = { pairs: 50, keyLength: 40, valueLength: 500 } as const;

const MetadataValue = Type.Union([
  Type.String({ maxLength: METADATA_LIMITS.valueLength }),
  Type.Number(),
  Type.Boolean(),
]);

export const Metadata = Type.Unsafe<Record<string, Static<typeof MetadataValue>>>({
  title: 'Metadata',
  description: 'Arbitrary key-value metadata. Values can be string, integer, number, or boolean.',
  type: 'object',
  patternProperties: { [`^[A-Za-z0-9_-]{1,${METADATA_LIMITS.keyLength}}$`]: MetadataValue },
  // Keys that do not match the pattern are refused, not ignored.
  additionalProperties: false,
});

export const Uuid = Type.String({ format: 'uuid' });

export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Machine-readable error code, e.g. NOT_FOUND' }),
    message: Type.String({ description: 'What went wrong, for people' }),
  },
  { title: 'Error' },
);

export const PageQuery = {
  page_size: Type.Optional(Int32({ minimum: 0, maximum: 100, description: 'Page size default is 10 max is 100' })),
  page_number: Type.Optional(Int32({ minimum: 0, description: 'Page number default is 0' })),
};

export const IdParams = Type.Object({ id: Type.String() });

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
