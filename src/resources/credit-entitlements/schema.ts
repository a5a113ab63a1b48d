import { type Static, Type } from '@sinclair/typebox';
import {
  Currency,
  Int32,
  Int64,
  Nullable,
  OptionalNullable,
  PageQuery,
  StringEnum,
  TimeInterval,
} from '../../http/schemas.ts';
import { PRICE_PER_UNIT_PATTERN } from '../products/price-schema.ts';

// Wire shapes of /credit-entitlements, named after the spec's components.

export const CbbOverageBehavior = StringEnum(
  ['forgive_at_reset', 'invoice_at_billing', 'carry_deficit', 'carry_deficit_auto_repay'],
  { title: 'CbbOverageBehavior', description: 'How overage is handled at the end of a billing cycle' },
);

/** What a credit entitlement gets when `overage_behavior` is not given (spec). */
export const DEFAULT_OVERAGE_BEHAVIOR = 'forgive_at_reset';

/** Limits from the spec's operation descriptions. */
const Name = Type.String({ minLength: 1, maxLength: 255 });
const Description = Type.String({ maxLength: 1000 });
const Unit = Type.String({ minLength: 1, maxLength: 50, description: 'e.g. "API Calls", "Tokens", "Credits"' });
const Precision = Int32({ minimum: 0, maximum: 10, description: 'Decimal places of credit amounts' });
export const Percent = Int32({ minimum: 0, maximum: 100 });
export const PricePerUnit = Type.String({
  pattern: PRICE_PER_UNIT_PATTERN,
  description: 'Price per credit, a decimal',
});

/** The fields a request may leave out; on PATCH each is kept when absent and cleared by null. */
const clearable = {
  description: Description,
  currency: Currency,
  expires_after_days: Int32({ minimum: 1, description: 'Days after which granted credits expire' }),
  max_rollover_count: Int32({ minimum: 0 }),
  overage_limit: Int64({ minimum: 0, description: 'Most overage units allowed' }),
  price_per_unit: PricePerUnit,
  rollover_percentage: Percent,
  rollover_timeframe_count: Int32({ minimum: 1 }),
  rollover_timeframe_interval: TimeInterval,
};

const optional = <T extends Record<string, Parameters<typeof OptionalNullable>[0]>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, OptionalNullable(v)])) as {
    [K in keyof T]: ReturnType<typeof OptionalNullable<T[K]>>;
  };

export const CreateCreditEntitlementRequest = Type.Object(
  {
    name: Name,
    precision: Precision,
    unit: Unit,
    rollover_enabled: Type.Boolean(),
    overage_enabled: Type.Boolean({ description: 'Needs price_per_unit' }),
    overage_behavior: OptionalNullable(CbbOverageBehavior),
    ...optional(clearable),
  },
  { title: 'CreateCreditEntitlementRequest' },
);

/** `precision` cannot change. Null clears a clearable field and leaves a required one unchanged. */
export const PatchCreditEntitlementRequest = Type.Object(
  {
    name: OptionalNullable(Name),
    unit: OptionalNullable(Unit),
    rollover_enabled: OptionalNullable(Type.Boolean()),
    overage_enabled: OptionalNullable(Type.Boolean()),
    overage_behavior: OptionalNullable(CbbOverageBehavior),
    ...optional(clearable),
  },
  { title: 'PatchCreditEntitlementRequest' },
);

export const CreditEntitlement = Type.Object(
  {
    id: Type.String(),
    business_id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    precision: Type.Integer(),
    unit: Type.String(),
    currency: Nullable(Currency),
    expires_after_days: Nullable(Type.Integer()),
    max_rollover_count: Nullable(Type.Integer()),
    overage_enabled: Type.Boolean(),
    overage_behavior: CbbOverageBehavior,
    overage_limit: Nullable(Type.Integer()),
    price_per_unit: Nullable(Type.String()),
    rollover_enabled: Type.Boolean(),
    rollover_percentage: Nullable(Type.Integer()),
    rollover_timeframe_count: Nullable(Type.Integer()),
    rollover_timeframe_interval: Nullable(TimeInterval),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'CreditEntitlementResponse' },
);

export const ListCreditEntitlementsQuery = Type.Object({
  ...PageQuery,
  deleted: Type.Optional(Type.Boolean({ description: 'List deleted credit entitlements instead of active ones' })),
});

export type CreditEntitlement = Static<typeof CreditEntitlement>;
export type CreateCreditEntitlementRequest = Static<typeof CreateCreditEntitlementRequest>;
export type PatchCreditEntitlementRequest = Static<typeof PatchCreditEntitlementRequest>;
export type ListCreditEntitlementsQuery = Static<typeof ListCreditEntitlementsQuery>;
