import { type Static, Type } from '@sinclair/typebox';
import { Currency, Int32, Nullable, OptionalNullable, StringEnum, TimeInterval, Uuid } from '../../http/schemas.ts';
import { CbbOverageBehavior, CreditEntitlement, Percent, PricePerUnit } from '../credit-entitlements/schema.ts';

// A credit entitlement attached to a product: what a request sends, what the product shows. The link table
// (attachments-store.ts) reads and stores the fields the response declares here.

/**
 * The settings an attachment takes from its credit entitlement when the request leaves them out (attachments.ts),
 * shown as the credit entitlement shows them. `overage_limit` is inherited too, but a product shows it as a string.
 */
export const INHERITED_SETTINGS = [
  'currency',
  'expires_after_days',
  'max_rollover_count',
  'overage_behavior',
  'overage_enabled',
  'price_per_unit',
  'rollover_enabled',
  'rollover_percentage',
  'rollover_timeframe_count',
  'rollover_timeframe_interval',
] as const;

const ProrationBehavior = StringEnum(['prorate', 'no_prorate'], { title: 'CbbProrationBehavior' });
const DecimalString = Type.String({ pattern: '^\\d+(\\.\\d+)?$' });

export const AttachCreditEntitlementRequest = Type.Object({
  credit_entitlement_id: Type.String({ minLength: 1 }),
  credits_amount: DecimalString,
  currency: OptionalNullable(Currency),
  expires_after_days: OptionalNullable(Int32({ minimum: 0 })),
  low_balance_threshold_percent: OptionalNullable(Percent),
  max_rollover_count: OptionalNullable(Int32({ minimum: 0 })),
  overage_behavior: OptionalNullable(CbbOverageBehavior),
  overage_enabled: OptionalNullable(Type.Boolean()),
  overage_limit: OptionalNullable(DecimalString),
  price_per_unit: OptionalNullable(PricePerUnit),
  proration_behavior: OptionalNullable(ProrationBehavior),
  rollover_enabled: OptionalNullable(Type.Boolean()),
  rollover_percentage: OptionalNullable(Percent),
  rollover_timeframe_count: OptionalNullable(Int32({ minimum: 1 })),
  rollover_timeframe_interval: OptionalNullable(TimeInterval),
  trial_credits: OptionalNullable(DecimalString),
  trial_credits_expire_after_trial: OptionalNullable(Type.Boolean()),
});

export const CreditEntitlementMappingResponse = Type.Object({
  id: Uuid,
  credit_entitlement_id: Type.String(),
  credit_entitlement_name: Type.String(),
  credit_entitlement_unit: Type.String(),
  credits_amount: Type.String(),
  low_balance_threshold_percent: Nullable(Type.Integer()),
  overage_limit: Nullable(Type.String()),
  proration_behavior: ProrationBehavior,
  trial_credits: Nullable(Type.String()),
  trial_credits_expire_after_trial: Type.Boolean(),
  ...Type.Pick(CreditEntitlement, INHERITED_SETTINGS).properties,
});

export type CreditEntitlementMapping = Static<typeof CreditEntitlementMappingResponse>;
