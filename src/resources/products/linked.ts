import type { Static } from '@sinclair/typebox';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { SummaryColumns } from '../entitlements/view.ts';
import { findMeters, type MeterRow } from '../meters/store.ts';
import { type CreditEntitlementLink, creditEntitlementLinksOf, entitlementLinksOf } from './attachments-store.ts';
import type { Price } from './price-schema.ts';
import type { CreditEntitlementMappingResponse } from './schema.ts';

type Mapping = Static<typeof CreditEntitlementMappingResponse>;

/** What a product shows of the resources it points at. */
export interface Linked {
  creditEntitlements: Mapping[];
  /** As stored: their files are resolved by the caller, with the product's own, in one query. */
  entitlements: SummaryColumns[];
  /** The stored price, with each meter's current name, description and measurement unit. */
  price: Price;
}

/**
 * Reads what these products point at with one query per kind, whatever the number of products: their entitlements,
 * the meters of their prices and, when asked (list items do not show them), their credit entitlements.
 */
export async function loadLinked(
  db: Executor,
  scope: Scope,
  products: { id: string; price: string }[],
  options: { creditEntitlements: boolean },
): Promise<Map<string, Linked>> {
  const ids = products.map((p) => p.id);
  const prices = new Map(products.map((p) => [p.id, JSON.parse(p.price) as Price]));
  const meterIds = [...new Set([...prices.values()].flatMap((price) => meterIdsOf(price)))];
  const [mappings, entitlements, meters] = await Promise.all([
    options.creditEntitlements ? creditEntitlementLinksOf(db, scope, ids) : [],
    entitlementLinksOf(db, scope, ids),
    findMeters(db, scope, meterIds),
  ]);
  const metersById = new Map(meters.map((m) => [m.id, m]));
  const linked = new Map<string, Linked>();
  for (const [id, price] of prices) {
    linked.set(id, { creditEntitlements: [], entitlements: [], price: withMeterDetails(price, metersById) });
  }
  for (const mapping of mappings) linked.get(mapping.product_id)?.creditEntitlements.push(toMapping(mapping));
  for (const link of entitlements) linked.get(link.product_id)?.entitlements.push(link);
  return linked;
}

function meterIdsOf(price: Price): string[] {
  return price.type === 'usage_based_price' ? (price.meters ?? []).map((m) => m.meter_id) : [];
}

function withMeterDetails(price: Price, meters: Map<string, MeterRow>): Price {
  if (price.type !== 'usage_based_price' || !price.meters) return price;
  return {
    ...price,
    meters: price.meters.map((m) => {
      const meter = meters.get(m.meter_id);
      return {
        ...m,
        name: meter?.name ?? null,
        description: meter?.description ?? null,
        measurement_unit: meter?.measurement_unit ?? null,
      };
    }),
  };
}

function toMapping(link: CreditEntitlementLink): Mapping {
  return {
    id: link.id,
    credit_entitlement_id: link.credit_entitlement_id,
    credit_entitlement_name: link.credit_entitlement_name,
    credit_entitlement_unit: link.credit_entitlement_unit,
    credits_amount: link.credits_amount,
    currency: link.currency as Mapping['currency'],
    expires_after_days: link.expires_after_days,
    low_balance_threshold_percent: link.low_balance_threshold_percent,
    max_rollover_count: link.max_rollover_count,
    overage_behavior: link.overage_behavior as Mapping['overage_behavior'],
    overage_enabled: link.overage_enabled === 1,
    overage_limit: link.overage_limit,
    price_per_unit: link.price_per_unit,
    proration_behavior: link.proration_behavior as Mapping['proration_behavior'],
    rollover_enabled: link.rollover_enabled === 1,
    rollover_percentage: link.rollover_percentage,
    rollover_timeframe_count: link.rollover_timeframe_count,
    rollover_timeframe_interval: link.rollover_timeframe_interval as Mapping['rollover_timeframe_interval'],
    trial_credits: link.trial_credits,
    trial_credits_expire_after_trial: link.trial_credits_expire_after_trial === 1,
  };
}
