import type { Context, Scope, Services } from '../../context.ts';
import type { Mode } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { toPage } from '../../lib/pagination.ts';
import * as products from '../products/api.ts';
import type { CreateShortLinkRequest, ListShortLinksQuery, ShortLinkItem, ShortLinkResponse } from './schema.ts';
import * as store from './store.ts';

/** Dodo's hosted checkout, where a static checkout URL (`/buy/{product_id}`) points (catalog decision Q13). */
const CHECKOUT_BASE: Record<Mode, string> = {
  test: 'https://test.checkout.dodopayments.com',
  live: 'https://checkout.dodopayments.com',
};

export async function createShortLink(
  ctx: Context,
  productId: string,
  req: CreateShortLinkRequest,
): Promise<ShortLinkResponse> {
  await products.requireExisting(ctx.database.db, ctx.scope, productId);
  const params = new URLSearchParams(req.static_checkout_params ?? {}).toString();
  const fullUrl = `${CHECKOUT_BASE[ctx.scope.mode]}/buy/${productId}${params ? `?${params}` : ''}`;
  await store.insertShortLink(ctx.database.db, {
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    slug: req.slug,
    product_id: productId,
    full_url: fullUrl,
    created_at: now(),
  });
  return { short_url: shortUrl(ctx, ctx.scope, req.slug), full_url: fullUrl };
}

export async function listShortLinks(ctx: Context, query: ListShortLinksQuery): Promise<ShortLinkItem[]> {
  const rows = await store.listShortLinks(ctx.database.db, ctx.scope, query.product_id, toPage(query));
  return rows.map((row) => ({
    product_id: row.product_id,
    short_url: shortUrl(ctx, ctx.scope, row.slug),
    full_url: row.full_url,
    created_at: row.created_at,
  }));
}

/** Where a short URL leads; the business and mode are part of the URL, since slugs are unique only within them. */
export async function resolveShortLink(services: Services, scope: Scope, slug: string): Promise<string> {
  const row = await store.findShortLink(services.database.db, scope, slug);
  if (!row) throw notFound('short link', slug);
  return row.full_url;
}

function shortUrl(services: Services, scope: Scope, slug: string): string {
  return services.urls.shortLink(scope.mode, scope.businessId, slug);
}
