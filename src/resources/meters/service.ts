import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { checkAggregation, checkFilterDepth } from './rules.ts';
import type { CreateMeterRequest, ListMetersQuery, Meter } from './schema.ts';
import * as store from './store.ts';
import { toMeter } from './view.ts';

export async function createMeter(ctx: Context, req: CreateMeterRequest): Promise<Meter> {
  checkAggregation(req.aggregation);
  if (req.filter) checkFilterDepth(req.filter);
  const at = now();
  const id = newId('meter');
  await store.insertMeter(ctx.database.db, {
    id,
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    name: req.name,
    description: req.description ?? null,
    event_name: req.event_name,
    measurement_unit: req.measurement_unit,
    aggregation_type: req.aggregation.type,
    aggregation_key: req.aggregation.key ?? null,
    filter: req.filter ?? null,
    archived: false,
    created_at: at,
    updated_at: at,
  });
  return getMeter(ctx, id);
}

/** Archived meters can still be read by id: products that use them keep showing their name and unit. */
export async function getMeter(ctx: Context, id: string): Promise<Meter> {
  const row = await store.findMeter(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('meter', id);
  return toMeter(row);
}

/** Only active meters, or only archived ones with `archived=true`. */
export async function listMeters(ctx: Context, query: ListMetersQuery): Promise<Meter[]> {
  const rows = await store.listMeters(ctx.database.db, ctx.scope, query.archived ?? false, toPage(query));
  return rows.map(toMeter);
}

/** Archiving and unarchiving are idempotent: the state asked for is the state that results. */
export async function setMeterArchived(ctx: Context, id: string, archived: boolean): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockMeter(trx, ctx.scope, id);
    if (!row) throw notFound('meter', id);
    if (row.archived === archived) return;
    await store.updateMeter(trx, ctx.scope, id, { archived, updated_at: now() });
  });
}
