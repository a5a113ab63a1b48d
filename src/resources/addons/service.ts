import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { requireUploadedImage } from '../media/service.ts';
import type { Addon, CreateAddonRequest, ListAddonsQuery, PatchAddonRequest } from './schema.ts';
import * as store from './store.ts';
import { toAddon } from './view.ts';

export async function createAddon(ctx: Context, req: CreateAddonRequest): Promise<Addon> {
  const at = now();
  const id = newId('addon');
  await store.insertAddon(ctx.database.db, {
    id,
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    name: req.name,
    description: req.description ?? null,
    price: req.price,
    currency: req.currency,
    tax_category: req.tax_category,
    image_id: null,
    created_at: at,
    updated_at: at,
  });
  return getAddon(ctx, id);
}

export async function getAddon(ctx: Context, id: string): Promise<Addon> {
  const row = await store.findAddon(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('addon', id);
  return toAddon(row, ctx.urls);
}

export async function listAddons(ctx: Context, query: ListAddonsQuery): Promise<Addon[]> {
  const rows = await store.listAddons(ctx.database.db, ctx.scope, toPage(query));
  return rows.map((row) => toAddon(row, ctx.urls));
}

/** Null leaves a field unchanged (Q1), except `image_id`, where null removes the image (spec). */
export async function updateAddon(ctx: Context, id: string, patch: PatchAddonRequest): Promise<Addon> {
  if (patch.image_id != null) {
    // An unknown addon is 404 whatever its body names: it is looked up before the upload is.
    await getAddon(ctx, id);
    await requireUploadedImage(ctx, patch.image_id);
  }
  await ctx.database.transaction(async (trx) => {
    if (!(await store.findAddon(trx, ctx.scope, id))) throw notFound('addon', id);
    const changes: store.AddonChanges = { updated_at: now() };
    if (patch.name != null) changes.name = patch.name;
    if (patch.description != null) changes.description = patch.description;
    if (patch.price != null) changes.price = patch.price;
    if (patch.currency != null) changes.currency = patch.currency;
    if (patch.tax_category != null) changes.tax_category = patch.tax_category;
    if (patch.image_id !== undefined) changes.image_id = patch.image_id;
    await store.updateAddon(trx, ctx.scope, id, changes);
  });
  return getAddon(ctx, id);
}
