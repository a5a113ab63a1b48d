import type { ResolvedFiles } from '../media/service.ts';
import { configFileIds, toConfigResponse } from './integration-config.ts';
import type { Entitlement, ProductEntitlementSummary } from './schema.ts';
import type { EntitlementRow, EntitlementSummaryRow } from './store.ts';

/** The uploaded files these entitlements attach, to be resolved together with one query (`resolveFiles`). */
export function fileIdsOfEntitlements(rows: readonly EntitlementSummaryRow[]): string[] {
  return rows.flatMap((row) => configFileIds(row.integration_type, row.integration_config));
}

/** `files` holds at least the files the entitlement attaches, resolved with their download URLs. */
export function toEntitlementSummary(row: EntitlementSummaryRow, files: ResolvedFiles): ProductEntitlementSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    integration_type: row.integration_type,
    integration_config: toConfigResponse(row.integration_type, row.integration_config, files),
  };
}

export function toEntitlement(row: Omit<EntitlementRow, 'seq'>, files: ResolvedFiles): Entitlement {
  return {
    ...toEntitlementSummary(row, files),
    business_id: row.business_id,
    is_active: true,
    metadata: row.metadata,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
