import type { Context } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import type { Keepable } from '../../http/page-cache.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import * as brands from '../brands/api.ts';
import { fileIdsOfEntitlements } from '../entitlements/view.ts';
import * as localizedPrices from '../localized-prices/api.ts';
import { requireUploadedFiles, requireUploadedImage, resolveFiles } from '../media/service.ts';
import { pageKey } from './api.ts';
import { resolveReferences, saveAttachments } from './attachments.ts';
import { loadLinked } from './linked.ts';
import * as lists from './lists-store.ts';
import { isRecurring, normalizePrice } from './price.ts';
import { checkMetadata, checkReferences } from './rules.ts';
import type {
  CreateProductRequest,
  ListProductsQuery,
  PatchProductRequest,
  Product,
  ProductListItem,
} from './schema.ts';
import * as store from './store.ts';
import { toListItem, toProduct } from './view.ts';

/**
 * What every kept list of products depends on, besides the products it shows: which products a list holds, and
 * in what order, changes only when one is created, archived, unarchived or moved to another brand.
 */
const LISTS = 'product lists';

export async function createProduct(ctx: Context, req: CreateProductRequest): Promise<Product> {
  const price = normalizePrice(req.price);
  const metadata = req.metadata ?? {};
  checkMetadata(metadata);
  checkReferences(price, req);
  const at = now();
  const id = newId('product');
  await ctx.database.transaction(async (trx) => {
    const brandId = req.brand_id ?? ctx.scope.businessId;
    await brands.lockUsable(trx, ctx.scope, brandId);
    const links = await resolveReferences(trx, ctx, id, { ...req, price });
    await store.insertProduct(trx, {
      id,
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      brand_id: brandId,
      name: req.name,
      description: req.description ?? null,
      image_id: null,
      price,
      price_type: price.type,
      is_recurring: isRecurring(price),
      tax_category: req.tax_category,
      metadata,
      addons: req.addons ?? null,
      license_key_enabled: req.license_key_enabled ?? false,
      license_key_activation_message: req.license_key_activation_message ?? null,
      license_key_activations_limit: req.license_key_activations_limit ?? null,
      license_key_duration: req.license_key_duration ?? null,
      digital_product_delivery: req.digital_product_delivery
        ? {
            external_url: req.digital_product_delivery.external_url ?? null,
            instructions: req.digital_product_delivery.instructions ?? null,
            files: [],
          }
        : null,
      pricing_mode: req.pricing_mode ?? null,
      archived: false,
      created_at: at,
      updated_at: at,
    });
    await saveAttachments(trx, ctx.scope, id, links);
  });
  return getProduct(ctx, id);
}

export async function getProduct(ctx: Context, id: string): Promise<Product> {
  return (await readProduct(ctx, id)).body;
}

/** The product; `keep` is false when it holds signed download URLs, which expire. */
export async function readProduct(ctx: Context, id: string): Promise<Keepable<Product>> {
  const row = await store.findProductWithLinks(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('product', id);
  const linked = (await loadLinked(ctx.database.db, ctx.scope, [row])).get(id)!;
  const fileIds = [...(row.digital_product_delivery?.files ?? []), ...fileIdsOfEntitlements(linked.entitlements)];
  return {
    body: toProduct(row, ctx.urls, await resolveFiles(ctx, fileIds), linked),
    keep: fileIds.length === 0,
    dependsOn: [pageKey(id)],
  };
}

function filterOf(query: ListProductsQuery): lists.ProductFilter {
  return { archived: query.archived ?? false, recurring: query.recurring, brandId: query.brand_id };
}

/** A page of products, read whole, newest first: for a store whose pages are not kept (ListPage). */
export async function listProducts(ctx: Context, query: ListProductsQuery): Promise<ProductListItem[]> {
  const rows = await lists.listProducts(ctx.database.db, ctx.scope, filterOf(query), toPage(query));
  const items = await listItems(ctx, rows);
  return rows.map((row) => items.get(row.id)!.body);
}

/** Which products a page of the list shows, newest first: that changes only with what LISTS covers. */
export async function listProductIds(ctx: Context, query: ListProductsQuery): Promise<Keepable<string[]>> {
  const ids = await lists.listProductIds(ctx.database.db, ctx.scope, filterOf(query), toPage(query));
  return { body: ids, keep: true, dependsOn: [LISTS] };
}

/** These products as the query's list shows them, by id; those it no longer admits are left out. */
export async function listedProducts(
  ctx: Context,
  query: ListProductsQuery,
  ids: readonly string[],
): Promise<Map<string, Keepable<ProductListItem>>> {
  return listItems(ctx, await lists.findListedProducts(ctx.database.db, ctx.scope, filterOf(query), ids));
}

/** List items by product id; an item is not kept when it holds signed download URLs, which expire. */
async function listItems(ctx: Context, rows: store.ListedProduct[]): Promise<Map<string, Keepable<ProductListItem>>> {
  const linked = await loadLinked(ctx.database.db, ctx.scope, rows);
  // The files of every item's entitlements, with one query.
  const files = await resolveFiles(
    ctx,
    [...linked.values()].flatMap(({ entitlements }) => fileIdsOfEntitlements(entitlements)),
  );
  return new Map(
    rows.map((row) => {
      const links = linked.get(row.id)!;
      const item = {
        body: toListItem(row, ctx.urls, links, files),
        keep: fileIdsOfEntitlements(links.entitlements).length === 0,
        dependsOn: [pageKey(row.id)],
      };
      return [row.id, item];
    }),
  );
}

/**
 * Applies a PATCH. An absent field changes nothing, and so does null, except for `pricing_mode`, where
 * null clears (catalog decision Q1).
 */
export async function updateProduct(ctx: Context, id: string, patch: PatchProductRequest): Promise<void> {
  // Uploads are checked before the transaction: with S3 that means asking the store. An unknown product is 404
  // whatever its body names, so the product is looked up first.
  if (patch.image_id != null || patch.digital_product_delivery?.files) await getProduct(ctx, id);
  if (patch.image_id != null) await requireUploadedImage(ctx, patch.image_id);
  if (patch.digital_product_delivery?.files) {
    await requireUploadedFiles(ctx, patch.digital_product_delivery.files, 'digital_product_delivery.files');
  }
  await ctx.database.transaction(async (trx) => {
    // Every row written below is the product's own or one of its links, which only pages that show it show.
    trx.changed(pageKey(id));
    const row = await store.lockProduct(trx, ctx.scope, id);
    if (!row) throw notFound('product', id);
    const stored = row.price;
    const price = patch.price ? normalizePrice(patch.price) : stored;
    if (price.type !== stored.type) {
      throw new ApiError(
        'PRICING_MODEL_IMMUTABLE',
        `the pricing model cannot change after create: this product has a ${stored.type}, not a ${price.type}`,
      );
    }
    if (patch.metadata) checkMetadata(patch.metadata);
    const addons = patch.addons ?? row.addons;
    const creditEntitlements =
      patch.credit_entitlements ?? row.creditEntitlementIds.map((ceId) => ({ credit_entitlement_id: ceId }));
    // Named field by field rather than spread from `patch`: see lockProduct on spreads that add properties.
    checkReferences(price, {
      addons,
      credit_entitlements: creditEntitlements,
      entitlements: patch.entitlements,
      digital_product_delivery: patch.digital_product_delivery,
    });
    // Only a new brand is checked: re-locking the product's own brand could deadlock with that brand's archive,
    // which holds the brand and then waits for this product's row.
    if (patch.brand_id != null && patch.brand_id !== row.brand_id) {
      await brands.lockUsable(trx, ctx.scope, patch.brand_id);
      trx.changed(LISTS);
    }
    const links = await resolveReferences(trx, ctx, id, {
      addons: patch.addons,
      price: patch.price ? price : null,
      credit_entitlements: patch.credit_entitlements,
      entitlements: patch.entitlements,
    });

    const changes: store.ProductChanges = { updated_at: now() };
    if (patch.name != null) changes.name = patch.name;
    if (patch.description != null) changes.description = patch.description;
    if (patch.image_id != null) changes.image_id = patch.image_id;
    if (patch.price) changes.price = price;
    if (patch.tax_category != null) changes.tax_category = patch.tax_category;
    if (patch.brand_id != null) changes.brand_id = patch.brand_id;
    if (patch.metadata != null) changes.metadata = patch.metadata;
    if (patch.addons != null) changes.addons = patch.addons;
    if (patch.pricing_mode !== undefined) changes.pricing_mode = patch.pricing_mode;
    if (patch.license_key_enabled != null) changes.license_key_enabled = patch.license_key_enabled;
    if (patch.license_key_activation_message != null) {
      changes.license_key_activation_message = patch.license_key_activation_message;
    }
    if (patch.license_key_activations_limit != null) {
      changes.license_key_activations_limit = patch.license_key_activations_limit;
    }
    if (patch.license_key_duration != null) changes.license_key_duration = patch.license_key_duration;
    if (patch.digital_product_delivery != null) {
      const before = row.digital_product_delivery ?? { external_url: null, instructions: null, files: [] };
      const next = patch.digital_product_delivery;
      changes.digital_product_delivery = {
        external_url: next.external_url ?? before.external_url,
        instructions: next.instructions ?? before.instructions,
        files: next.files ?? before.files,
      };
    }
    await saveAttachments(trx, ctx.scope, id, links);
    if (patch.pricing_mode !== undefined || patch.price) {
      const pricingMode = patch.pricing_mode !== undefined ? patch.pricing_mode : row.pricing_mode;
      await localizedPrices.archiveUnfit(trx, ctx.scope, id, { pricingMode, baseCurrency: price.currency, at: now() });
    }
    // Last: on PostgreSQL the COMMIT goes out with it.
    await store.saveProductLast(trx, ctx.scope, { ...row, ...changes });
  });
}

/** Archiving hides the product from lists and new purchases; a second archive is 410, as in the spec. */
export async function archiveProduct(ctx: Context, id: string): Promise<void> {
  if (await store.setArchived(ctx.database.db, ctx.scope, id, true, now())) return;
  if (!(await store.findProduct(ctx.database.db, ctx.scope, id))) throw notFound('product', id);
  throw new ApiError('PRODUCT_IS_DELETED', `product ${id} is already archived`);
}

/** Unarchiving a product that is not archived succeeds and changes nothing (Q3). */
export async function unarchiveProduct(ctx: Context, id: string): Promise<void> {
  if (await store.setArchived(ctx.database.db, ctx.scope, id, false, now())) return;
  if (!(await store.findProduct(ctx.database.db, ctx.scope, id))) throw notFound('product', id);
}
