import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import { json, storedJson } from '../../db/columns.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { jsonRows } from '../../db/json-arrays.ts';
import { forChange, forReliance } from '../../db/row-locks.ts';
import type { EntitlementsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import type { IntegrationType, StoredConfig } from './integration-config.ts';
import type { Entitlement } from './schema.ts';

type Stored = Selectable<EntitlementsTable>;

/** An entitlement as the rest of Pricebook sees it: the type a union, the config and metadata parsed. */
export interface EntitlementRow extends Omit<Stored, 'integration_type' | 'integration_config' | 'metadata'> {
  integration_type: IntegrationType;
  integration_config: StoredConfig;
  metadata: Entitlement['metadata'];
}
export type NewEntitlementRow = Omit<EntitlementRow, 'seq'>;
export type EntitlementChanges = Partial<
  Omit<EntitlementRow, 'id' | 'business_id' | 'mode' | 'seq' | 'integration_type' | 'created_at'>
>;
/** What a product shows of an entitlement it attaches. */
export type EntitlementSummaryRow = Pick<
  EntitlementRow,
  'id' | 'name' | 'description' | 'integration_type' | 'integration_config'
>;

function fromStored(row: Stored): EntitlementRow {
  return {
    ...row,
    integration_type: row.integration_type as IntegrationType,
    integration_config: json<StoredConfig>(row.integration_config),
    metadata: json<Entitlement['metadata']>(row.metadata),
  };
}

function toStored<T extends EntitlementChanges>(row: T) {
  return {
    ...row,
    integration_config: row.integration_config && storedJson(row.integration_config),
    metadata: row.metadata && storedJson(row.metadata),
  };
}

/**
 * A JSON array column of summaries (`entitlementLinksColumn` of products), decoded in place: its rows are fresh
 * from `jsonRows`, and products read it on every GET and list.
 */
export function decodeSummaries(column: unknown): EntitlementSummaryRow[] {
  const rows = jsonRows<Pick<Stored, keyof EntitlementSummaryRow>>(column);
  for (const stored of rows) {
    (stored as unknown as { integration_config: StoredConfig }).integration_config = json(stored.integration_config);
  }
  return rows as unknown as EntitlementSummaryRow[];
}

/** Deleted entitlements are gone from the API, so every read here leaves them out. */
const active = (db: Executor, scope: Scope) =>
  db
    .selectFrom('entitlements')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('deleted_at', 'is', null);

export async function insertEntitlement(db: Executor, row: NewEntitlementRow): Promise<void> {
  await db
    .insertInto('entitlements')
    .values(toStored(row) as Omit<Stored, 'seq'>)
    .execute();
}

export async function findEntitlement(db: Executor, scope: Scope, id: string): Promise<EntitlementRow | undefined> {
  const row = await active(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** The entitlement, held until `tx` ends for changing or deleting it. */
export async function lockEntitlement(tx: Tx, scope: Scope, id: string): Promise<EntitlementRow | undefined> {
  const row = await forChange(tx, active(tx, scope).selectAll().where('id', '=', id)).executeTakeFirst();
  return row && fromStored(row);
}

/** Which of `ids` name entitlements of this business and mode, held until `tx` ends. */
export async function holdEntitlementIds(tx: Tx, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await forReliance(tx, active(tx, scope).select('id').where('id', 'in', ids)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Newest first; `seq` follows insertion order. */
export async function listEntitlements(
  db: Executor,
  scope: Scope,
  integrationType: string | undefined,
  page: Page,
): Promise<EntitlementRow[]> {
  let query = active(db, scope).selectAll();
  if (integrationType !== undefined) query = query.where('integration_type', '=', integrationType);
  return (await query.orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute()).map(fromStored);
}

export async function updateEntitlement(
  db: Executor,
  scope: Scope,
  id: string,
  changes: EntitlementChanges,
): Promise<void> {
  await db
    .updateTable('entitlements')
    .set(toStored(changes))
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
