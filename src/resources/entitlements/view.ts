import { toConfigResponse } from './integration-config.ts';
import type { Entitlement, ProductEntitlementSummary } from './schema.ts';
import type { EntitlementRow } from './store.ts';

type SummaryColumns = Pick<EntitlementRow, 'id' | 'name' | 'description' | 'integration_type' | 'integration_config'>;

export function toEntitlementSummary(row: SummaryColumns): ProductEntitlementSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    integration_type: row.integration_type as ProductEntitlementSummary['integration_type'],
    integration_config: toConfigResponse(row.integration_type, JSON.parse(row.integration_config)),
  };
}

export function toEntitlement(row: Omit<EntitlementRow, 'seq'>): Entitlement {
  return {
    ...toEntitlementSummary(row),
    business_id: row.business_id,
    is_active: true,
    metadata: JSON.parse(row.metadata),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
