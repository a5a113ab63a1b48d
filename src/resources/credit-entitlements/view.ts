import type { CreditEntitlement } from './schema.ts';
import type { CreditEntitlementRow } from './store.ts';

type Row = Omit<CreditEntitlementRow, 'seq'>;

export function toCreditEntitlement(row: Row): CreditEntitlement {
  return {
    id: row.id,
    business_id: row.business_id,
    name: row.name,
    description: row.description,
    precision: row.precision,
    unit: row.unit,
    currency: row.currency,
    expires_after_days: row.expires_after_days,
    max_rollover_count: row.max_rollover_count,
    overage_enabled: row.overage_enabled,
    overage_behavior: row.overage_behavior,
    overage_limit: row.overage_limit,
    price_per_unit: row.price_per_unit,
    rollover_enabled: row.rollover_enabled,
    rollover_percentage: row.rollover_percentage,
    rollover_timeframe_count: row.rollover_timeframe_count,
    rollover_timeframe_interval: row.rollover_timeframe_interval,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
