import type { Context } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { checkCreditSettings } from './rules.ts';
import {
  type CreateCreditEntitlementRequest,
  type CreditEntitlement,
  DEFAULT_OVERAGE_BEHAVIOR,
  type ListCreditEntitlementsQuery,
  type PatchCreditEntitlementRequest,
} from './schema.ts';
import * as store from './store.ts';
import { toCreditEntitlement } from './view.ts';

/** What a request can set: everything but the identity, the timestamps and the immutable precision. */
type Settings = Omit<CreditEntitlement, 'id' | 'business_id' | 'precision' | 'created_at' | 'updated_at'>;

/** Fields a PATCH clears with null; the others cannot be empty, so null keeps them. */
const CLEARABLE = [
  'description',
  'currency',
  'expires_after_days',
  'max_rollover_count',
  'overage_limit',
  'price_per_unit',
  'rollover_percentage',
  'rollover_timeframe_count',
  'rollover_timeframe_interval',
] as const;
const REQUIRED = ['name', 'unit', 'rollover_enabled', 'overage_enabled', 'overage_behavior'] as const;

function settingsOf({ id, business_id, precision, created_at, updated_at, ...settings }: CreditEntitlement): Settings {
  return settings;
}

/** Set, clear or keep (spec): a value sets, null clears a clearable field, and an absent field is kept. */
function merge(current: Settings, patch: PatchCreditEntitlementRequest): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const field of CLEARABLE) if (patch[field] !== undefined) next[field] = patch[field];
  for (const field of REQUIRED) if (patch[field] != null) next[field] = patch[field];
  return next as Settings;
}

export async function createCreditEntitlement(
  ctx: Context,
  req: CreateCreditEntitlementRequest,
): Promise<CreditEntitlement> {
  const settings: Settings = {
    name: req.name,
    description: req.description ?? null,
    unit: req.unit,
    currency: req.currency ?? null,
    expires_after_days: req.expires_after_days ?? null,
    max_rollover_count: req.max_rollover_count ?? null,
    overage_enabled: req.overage_enabled,
    overage_behavior: req.overage_behavior ?? DEFAULT_OVERAGE_BEHAVIOR,
    overage_limit: req.overage_limit ?? null,
    price_per_unit: req.price_per_unit ?? null,
    rollover_enabled: req.rollover_enabled,
    rollover_percentage: req.rollover_percentage ?? null,
    rollover_timeframe_count: req.rollover_timeframe_count ?? null,
    rollover_timeframe_interval: req.rollover_timeframe_interval ?? null,
  };
  checkCreditSettings(settings, 'body');
  const at = now();
  const row: store.NewCreditEntitlementRow = {
    ...settings,
    id: newId('creditEntitlement'),
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    precision: req.precision,
    deleted_at: null,
    created_at: at,
    updated_at: at,
  };
  await store.insertCreditEntitlement(ctx.database.db, row);
  return toCreditEntitlement(row);
}

/** Deleted credit entitlements are 404 here; `GET /credit-entitlements?deleted=true` lists them. */
export async function getCreditEntitlement(ctx: Context, id: string): Promise<CreditEntitlement> {
  const row = await store.findCreditEntitlement(ctx.database.db, ctx.scope, id);
  if (!row || row.deleted_at !== null) throw notFound('credit entitlement', id);
  return toCreditEntitlement(row);
}

export async function listCreditEntitlements(
  ctx: Context,
  query: ListCreditEntitlementsQuery,
): Promise<CreditEntitlement[]> {
  const rows = await store.listCreditEntitlements(ctx.database.db, ctx.scope, query.deleted ?? false, toPage(query));
  return rows.map(toCreditEntitlement);
}

/** `precision` cannot change; the spec's rules apply to the merged result. */
export async function updateCreditEntitlement(
  ctx: Context,
  id: string,
  patch: PatchCreditEntitlementRequest,
): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockCreditEntitlement(trx, ctx.scope, id);
    if (!row || row.deleted_at !== null) throw notFound('credit entitlement', id);
    const merged = merge(settingsOf(toCreditEntitlement(row)), patch);
    checkCreditSettings(merged, 'credit entitlement after the update');
    await store.updateCreditEntitlement(trx, ctx.scope, id, { ...merged, updated_at: now() });
  });
}

/** A soft delete: products keep their attachment, and undelete restores it. Deleting twice is 410 (spec). */
export async function deleteCreditEntitlement(ctx: Context, id: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockCreditEntitlement(trx, ctx.scope, id);
    if (!row) throw notFound('credit entitlement', id);
    if (row.deleted_at !== null) {
      throw new ApiError('CREDIT_ENTITLEMENT_ALREADY_DELETED', `credit entitlement ${id} is already deleted`);
    }
    const at = now();
    await store.updateCreditEntitlement(trx, ctx.scope, id, { deleted_at: at, updated_at: at });
  });
}

/**
 * Restores a deleted credit entitlement. The spec answers 500 for an unknown id or one that is not deleted; Pricebook
 * answers 404 for the first (as for every unknown id) and succeeds without change for the second, as unarchive does.
 */
export async function undeleteCreditEntitlement(ctx: Context, id: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockCreditEntitlement(trx, ctx.scope, id);
    if (!row) throw notFound('credit entitlement', id);
    if (row.deleted_at !== null) {
      await store.updateCreditEntitlement(trx, ctx.scope, id, { deleted_at: null, updated_at: now() });
    }
  });
}
