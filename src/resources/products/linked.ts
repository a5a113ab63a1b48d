import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { EntitlementSummaryRow } from '../entitlements/api.ts';
import { find as findMeters, type MeterRow } from '../meters/api.ts';
import type { CreditEntitlementLink } from './attachments-store.ts';
import type { Price } from './price-schema.ts';

/** What a product shows of the resources it points at. */
export interface Linked {
  creditEntitlements: CreditEntitlementLink[];
  /** As stored: their files are resolved by the caller, with the product's own, in one query. */
  entitlements: EntitlementSummaryRow[];
  /** The stored price, with each meter's current name, description and measurement unit. */
  price: Price;
}

/** A product read with its links (store.ts); list items read no credit entitlements. */
interface RowWithLinks {
  id: string;
  price: Price;
  entitlement_links: EntitlementSummaryRow[];
  credit_entitlement_links?: CreditEntitlementLink[];
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
        creditEntitlements: row.credit_entitlement_links ?? [],
        entitlements: row.entitlement_links,
        price: prices[i]!,
      },
    ]),
  );
}

/** Stored prices as products show them: each meter with its current name, description and unit, read in one query. */
export async function pricesAsShown(db: Executor, scope: Scope, prices: readonly Price[]): Promise<Price[]> {
  const meterIds = [...new Set(prices.flatMap((price) => meterIdsOf(price)))];
  if (meterIds.length === 0) return [...prices];
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
