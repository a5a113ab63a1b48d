import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { detachEntitlement } from '../products/attachments-store.ts';
import { checkMetadata } from '../products/rules.ts';
import { type IntegrationType, normalizeConfig } from './integration-config.ts';
import type {
  CreateEntitlementRequest,
  Entitlement,
  ListEntitlementsQuery,
  PatchEntitlementRequest,
} from './schema.ts';
import * as store from './store.ts';
import { toEntitlement } from './view.ts';

export async function createEntitlement(ctx: Context, req: CreateEntitlementRequest): Promise<Entitlement> {
  const config = normalizeConfig(req.integration_type, req.integration_config);
  const metadata = req.metadata ?? {};
  checkMetadata(metadata);
  const at = now();
  const row: store.NewEntitlementRow = {
    id: newId('entitlement'),
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    name: req.name,
    description: req.description ?? null,
    integration_type: req.integration_type,
    integration_config: JSON.stringify(config),
    metadata: JSON.stringify(metadata),
    deleted_at: null,
    created_at: at,
    updated_at: at,
  };
  await store.insertEntitlement(ctx.database.db, row);
  return toEntitlement(row);
}

export async function getEntitlement(ctx: Context, id: string): Promise<Entitlement> {
  const row = await store.findEntitlement(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('entitlement', id);
  return toEntitlement(row);
}

export async function listEntitlements(ctx: Context, query: ListEntitlementsQuery): Promise<Entitlement[]> {
  const rows = await store.listEntitlements(ctx.database.db, ctx.scope, query.integration_type, toPage(query));
  return rows.map(toEntitlement);
}

/** Null leaves a field unchanged, as an absent one does (Q1). The type is fixed, so a new config must fit it. */
export async function updateEntitlement(
  ctx: Context,
  id: string,
  patch: PatchEntitlementRequest,
): Promise<Entitlement> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.findEntitlement(trx, ctx.scope, id, { dialect: ctx.database.dialect, kind: 'update' });
    if (!row) throw notFound('entitlement', id);
    const changes: store.EntitlementChanges = { updated_at: now() };
    if (patch.name != null) changes.name = patch.name;
    if (patch.description != null) changes.description = patch.description;
    if (patch.integration_config != null) {
      const config = normalizeConfig(row.integration_type as IntegrationType, patch.integration_config);
      changes.integration_config = JSON.stringify(config);
    }
    if (patch.metadata != null) {
      checkMetadata(patch.metadata);
      changes.metadata = JSON.stringify(patch.metadata);
    }
    await store.updateEntitlement(trx, ctx.scope, id, changes);
  });
  return getEntitlement(ctx, id);
}

/** A soft delete, with no way back: the entitlement disappears from the API and from every product. */
export async function deleteEntitlement(ctx: Context, id: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.findEntitlement(trx, ctx.scope, id, { dialect: ctx.database.dialect, kind: 'update' });
    if (!row) throw notFound('entitlement', id);
    const at = now();
    await store.updateEntitlement(trx, ctx.scope, id, { deleted_at: at, updated_at: at });
    await detachEntitlement(trx, ctx.scope, id);
  });
}
