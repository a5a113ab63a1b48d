import { type Static, type TObject, Type } from '@sinclair/typebox';
import { Currency, Int32, Int64, OptionalNullable, TimeInterval } from '../../http/schemas.ts';

// The `Price` union (discriminator `type`), as spec 1.113.0 writes it plus what SDK 2.52 adds
// (`discount_bps`, and two flags on recurring prices). Responses carry every key; requests may leave
// out `discount` and `purchasing_power_parity`, which SDK 2.52 made optional.

const common = {
  currency: Currency,
  discount: Int64({
    description: 'Discount applied to the price, as a percentage (0 to 100). Deprecated: use discount_bps.',
  }),
  discount_bps: OptionalNullable(Int64({ description: 'Discount in basis points (0 to 10000); wins over discount.' })),
  purchasing_power_parity: Type.Boolean({ description: 'Whether purchasing power parity adjustments apply.' }),
  tax_inclusive: OptionalNullable(Type.Boolean({ description: 'Whether the price is tax inclusive.' })),
};

const periods = {
  payment_frequency_count: Int32({ minimum: 1, description: 'Number of intervals between payments.' }),
  payment_frequency_interval: TimeInterval,
  subscription_period_count: Int32({ minimum: 1, description: 'Number of intervals the subscription lasts.' }),
  subscription_period_interval: TimeInterval,
};

/** Amounts are integers in the currency's smallest unit. */
const Amount = (description: string) => Int32({ minimum: 0, description });

export const OneTimePrice = Type.Object(
  {
    type: Type.Literal('one_time_price'),
    price: Amount('The payment amount; with pay_what_you_want, the minimum.'),
    ...common,
    pay_what_you_want: Type.Optional(Type.Boolean({ description: 'Whether the customer chooses the amount.' })),
    suggested_price: OptionalNullable(Amount('Suggested amount; only used with pay_what_you_want.')),
  },
  { title: 'One Time Price' },
);

/** Days of trial are limited to 0 to 10,000 (Dodo's subscription guide). */
export const TRIAL_DAYS_MAX = 10000;

export const RecurringPrice = Type.Object(
  {
    type: Type.Literal('recurring_price'),
    price: Amount('The amount charged each payment period.'),
    ...common,
    ...periods,
    trial_period_days: Type.Optional(Int32({ minimum: 0, maximum: TRIAL_DAYS_MAX, description: '0 means no trial.' })),
    trial_amount: OptionalNullable(Amount('Amount charged today for a paid trial; needs trial_period_days > 0.')),
    trial_apply_discounts: OptionalNullable(
      Type.Boolean({ description: 'Whether discount codes reduce the trial charge.' }),
    ),
    trial_payment_method_optional: Type.Optional(Type.Boolean()),
    zero_amount_payment_method_optional: Type.Optional(Type.Boolean()),
  },
  { title: 'Recurring Price' },
);

/** A decimal in the smallest currency unit, > 0, with at most 5 integer digits and 12 decimals. */
export const PRICE_PER_UNIT_PATTERN = '^(?!0+(\\.0+)?$)\\d{1,5}(\\.\\d{1,12})?$';

/** A positive decimal quantity written as a string, as the spec writes credit amounts. */
const DecimalString = Type.String({ pattern: '^\\d+(\\.\\d+)?$' });

export const AddMeterToPrice = Type.Object(
  {
    meter_id: Type.String({ minLength: 1 }),
    price_per_unit: OptionalNullable(Type.String({ pattern: PRICE_PER_UNIT_PATTERN })),
    free_threshold: OptionalNullable(Int64({ minimum: 0 })),
    credit_entitlement_id: OptionalNullable(Type.String()),
    meter_units_per_credit: OptionalNullable(DecimalString),
    name: OptionalNullable(Type.String({ description: 'Ignored on request; copied from the meter in responses.' })),
    description: OptionalNullable(
      Type.String({ description: 'Ignored on request; copied from the meter in responses.' }),
    ),
    measurement_unit: OptionalNullable(
      Type.String({ description: 'Ignored on request; copied from the meter in responses.' }),
    ),
  },
  { title: 'Add Meter To Price' },
);

export const UsageBasedPrice = Type.Object(
  {
    type: Type.Literal('usage_based_price'),
    fixed_price: Amount('The fixed amount charged each period, on top of usage.'),
    ...common,
    ...periods,
    meters: OptionalNullable(Type.Array(AddMeterToPrice)),
  },
  { title: 'Usage Based Price' },
);

/** What a request may leave out: SDK 2.52 made these optional. */
const relaxed = <T extends TObject>(schema: T) =>
  Type.Composite(
    [
      Type.Omit(schema, ['discount', 'purchasing_power_parity']),
      Type.Partial(Type.Pick(schema, ['discount', 'purchasing_power_parity'])),
    ],
    { title: schema.title },
  );

const union = <A extends TObject, B extends TObject, C extends TObject>(a: A, b: B, c: C) =>
  // oneOf with a discriminator, as in the spec: validation then reports only the chosen branch's errors.
  // `type` is stated here too: Ajv checks a discriminated oneOf only for objects, so without it -1 is a price.
  Type.Unsafe<Static<A> | Static<B> | Static<C>>({
    type: 'object',
    oneOf: [a, b, c],
    discriminator: { propertyName: 'type' },
    title: 'Price',
  });

export const Price = union(OneTimePrice, RecurringPrice, UsageBasedPrice);
export const PriceRequest = union(relaxed(OneTimePrice), relaxed(RecurringPrice), relaxed(UsageBasedPrice));

export type Price = Static<typeof Price>;
export type PriceRequest = Static<typeof PriceRequest>;
export type MeterOnPrice = Static<typeof AddMeterToPrice>;
export type PriceType = Price['type'];
