import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import * as products from '../products/api.ts';
import { checkNewRule } from './rules.ts';
import type { CreateLocalizedPriceRequest, LocalizedPrice, PatchLocalizedPriceRequest } from './schema.ts';
import * as store from './store.ts';

export async function listLocalizedPrices(ctx: Context, productId: string): Promise<LocalizedPrice[]> {
  await products.requireExisting(ctx.database.db, ctx.scope, productId);
  const rows = await store.listActiveLocalizedPrices(ctx.database.db, ctx.scope, productId);
  return rows.map(toLocalizedPrice);
}

export async function createLocalizedPrice(
  ctx: Context,
  productId: string,
  req: CreateLocalizedPriceRequest,
): Promise<LocalizedPrice> {
  const id = newId('localizedPrice');
  await ctx.database.transaction(async (trx) => {
    // Shared, so that a PATCH changing the pricing mode, which locks the product to update it, waits for this
    // rule to land (and then archives it) or lands first.
    const product = await products.lockExisting(trx, ctx.scope, productId);
    const pricingMode = product.pricing_mode;
    checkNewRule({ pricingMode, baseCurrency: product.price.currency }, req);
    const at = now();
    await store.insertLocalizedPrice(trx, {
      id,
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      product_id: productId,
      pricing_mode: pricingMode!,
      currency: req.currency,
      country_code: req.country_code ?? null,
      amount: req.amount,
      archived: false,
      created_at: at,
      updated_at: at,
    });
  });
  return getLocalizedPrice(ctx, productId, id);
}

/** Archived rules are 404, as the spec says ("Not found or archived"). */
export async function getLocalizedPrice(ctx: Context, productId: string, id: string): Promise<LocalizedPrice> {
  const row = await store.findLocalizedPrice(ctx.database.db, ctx.scope, productId, id);
  if (!row || row.archived) throw notFound('localized price', id);
  return toLocalizedPrice(row);
}

/** Only the amount can change; a null or absent amount changes nothing. */
export async function updateLocalizedPrice(
  ctx: Context,
  productId: string,
  id: string,
  patch: PatchLocalizedPriceRequest,
): Promise<LocalizedPrice> {
  await ctx.database.transaction(async (trx) => {
    const row = await store.findLocalizedPrice(trx, ctx.scope, productId, id);
    if (!row || row.archived) throw notFound('localized price', id);
    if (patch.amount != null) {
      await store.updateAmount(trx, ctx.scope, productId, id, { amount: patch.amount, at: now() });
    }
  });
  return getLocalizedPrice(ctx, productId, id);
}

/** Archiving is idempotent: an archived rule archives again with 200; an unknown one is 404. */
export async function archiveLocalizedPrice(ctx: Context, productId: string, id: string): Promise<void> {
  const row = await store.findLocalizedPrice(ctx.database.db, ctx.scope, productId, id);
  if (!row) throw notFound('localized price', id);
  await store.archiveLocalizedPrice(ctx.database.db, ctx.scope, productId, id, now());
}

function toLocalizedPrice(row: store.LocalizedPriceRow): LocalizedPrice {
  return {
    id: row.id,
    product_id: row.product_id,
    mode: row.pricing_mode,
    currency: row.currency,
    amount: row.amount,
    country_code: row.country_code,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
