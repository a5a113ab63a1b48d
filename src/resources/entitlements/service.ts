import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { requireUploadedFiles, resolveFiles } from '../media/service.ts';
import * as products from '../products/api.ts';
import { checkMetadata } from '../products/rules.ts';
import { configFileIds, normalizeConfig, type StoredConfig } from './integration-config.ts';
import type {
  CreateEntitlementRequest,
  Entitlement,
  ListEntitlementsQuery,
  PatchEntitlementRequest,
} from './schema.ts';
import * as store from './store.ts';
import { fileIdsOfEntitlements, toEntitlement } from './view.ts';

/** Entitlements as reads show them, the files of all of them resolved with one query. */
async function present(ctx: Context, rows: Omit<store.EntitlementRow, 'seq'>[]): Promise<Entitlement[]> {
  const files = await resolveFiles(ctx, fileIdsOfEntitlements(rows));
  return rows.map((row) => toEntitlement(row, files));
}

/** The files a new config names must have been uploaded in this business and mode. */
async function requireConfigFiles(ctx: Context, type: string, config: StoredConfig): Promise<void> {
  const ids = configFileIds(type, config);
  if (ids.length > 0) await requireUploadedFiles(ctx, ids, 'body/integration_config');
}

export async function createEntitlement(ctx: Context, req: CreateEntitlementRequest): Promise<Entitlement> {
  const config = normalizeConfig(req.integration_type, req.integration_config);
  const metadata = req.metadata ?? {};
  checkMetadata(metadata);
  await requireConfigFiles(ctx, req.integration_type, config);
  const at = now();
  const row: store.NewEntitlementRow = {
    id: newId('entitlement'),
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    name: req.name,
    description: req.description ?? null,
    integration_type: req.integration_type,
    integration_config: config,
    metadata,
    deleted_at: null,
    created_at: at,
    updated_at: at,
  };
  await store.insertEntitlement(ctx.database.db, row);
  const [created] = await present(ctx, [row]);
  return created!;
}

export async function getEntitlement(ctx: Context, id: string): Promise<Entitlement> {
  const row = await store.findEntitlement(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('entitlement', id);
  const [entitlement] = await present(ctx, [row]);
  return entitlement!;
}

export async function listEntitlements(ctx: Context, query: ListEntitlementsQuery): Promise<Entitlement[]> {
  const rows = await store.listEntitlements(ctx.database.db, ctx.scope, query.integration_type, toPage(query));
  return present(ctx, rows);
}

/** Null leaves a field unchanged, as an absent one does (Q1). The type is fixed, so a new config must fit it. */
export async function updateEntitlement(
  ctx: Context,
  id: string,
  patch: PatchEntitlementRequest,
): Promise<Entitlement> {
  const given = patch.integration_config;
  if (given != null) {
    // The files a new config names are checked before the transaction: with S3 that means asking the store. The
    // type never changes, so the entitlement read here tells it.
    const current = await store.findEntitlement(ctx.database.db, ctx.scope, id);
    if (!current) throw notFound('entitlement', id);
    const type = current.integration_type;
    await requireConfigFiles(ctx, type, normalizeConfig(type, given, current.integration_config));
  }
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockEntitlement(trx, ctx.scope, id);
    if (!row) throw notFound('entitlement', id);
    const changes: store.EntitlementChanges = { updated_at: now() };
    if (patch.name != null) changes.name = patch.name;
    if (patch.description != null) changes.description = patch.description;
    if (given != null) {
      changes.integration_config = normalizeConfig(row.integration_type, given, row.integration_config);
    }
    if (patch.metadata != null) {
      checkMetadata(patch.metadata);
      changes.metadata = patch.metadata;
    }
    await store.updateEntitlement(trx, ctx.scope, id, changes);
  });
  return getEntitlement(ctx, id);
}

/** A soft delete, with no way back: the entitlement disappears from the API and from every product. */
export async function deleteEntitlement(ctx: Context, id: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockEntitlement(trx, ctx.scope, id);
    if (!row) throw notFound('entitlement', id);
    const at = now();
    await store.updateEntitlement(trx, ctx.scope, id, { deleted_at: at, updated_at: at });
    await products.detachEntitlement(trx, ctx.scope, id);
  });
}
