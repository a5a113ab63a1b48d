import type { Static } from '@sinclair/typebox';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { jsonRows } from '../../db/json-arrays.ts';
import type { SummaryColumns } from '../entitlements/view.ts';
import { find as findMeters, type MeterRow } from '../meters/api.ts';
import type { CreditEntitlementLink } from './attachments-store.ts';
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

/** A product row read with its link columns (store.ts); list items read no credit entitlements. */
export interface RowWithLinks {
  id: string;
  price: string;
  entitlement_links: unknown;
  credit_entitlement_links?: unknown;
}

/** What these products point at, by product id: their link columns, and the meters of their prices in one query. */
export async function loadLinked(
  db: Executor,
  scope: Scope,
  rows: readonly RowWithLinks[],
): Promise<Map<string, Linked>> {
  const prices = await pricesAsShown(
    db,
    scope,
    rows.map((row) => row.price),
  );
  return new Map(
    rows.map((row, i) => [
      row.id,
      {
        creditEntitlements: jsonRows<CreditEntitlementLink>(row.credit_entitlement_links ?? []).map(toMapping),
        entitlements: jsonRows<SummaryColumns>(row.entitlement_links),
        price: prices[i]!,
      },
    ]),
  );
}

/** Stored prices as products show them: each meter with its current name, description and unit, read in one query. */
export async function pricesAsShown(db: Executor, scope: Scope, stored: readonly string[]): Promise<Price[]> {
  const prices = stored.map((json) => JSON.parse(json) as Price);
  const meterIds = [...new Set(prices.flatMap((price) => meterIdsOf(price)))];
  if (meterIds.length === 0) return prices;
  const meters = new Map((await findMeters(db, scope, meterIds)).map((m) => [m.id, m]));
  return prices.map((price) => priceWithMeters(price, meters));
}

function meterIdsOf(price: Price): string[] {
  return price.type === 'usage_based_price' ? (price.meters ?? []).map((m) => m.meter_id) : [];
}

function priceWithMeters(price: Price, meters: Map<string, MeterRow>): Price {
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
