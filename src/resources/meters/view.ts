import type { Meter } from './schema.ts';
import type { MeterRow } from './store.ts';

export function toMeter(row: MeterRow): Meter {
  return {
    id: row.id,
    business_id: row.business_id,
    name: row.name,
    description: row.description,
    event_name: row.event_name,
    measurement_unit: row.measurement_unit,
    aggregation: { type: row.aggregation_type, key: row.aggregation_key },
    filter: row.filter,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
