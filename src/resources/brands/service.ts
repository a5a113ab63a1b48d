import { defaultStatementDescriptor } from '../../accounts/service.ts';
import { findBusiness } from '../../accounts/store.ts';
import type { Context } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { ApiError, invalid, notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import * as collections from '../collections/api.ts';
import { requireUploadedImage } from '../media/service.ts';
import * as products from '../products/api.ts';
import { lockUsable } from './api.ts';
import type {
  ArchiveBrandRequest,
  ArchiveBrandResponse,
  Brand,
  CreateBrandRequest,
  ListBrandsQuery,
  PatchBrandRequest,
} from './schema.ts';
import * as store from './store.ts';
import { toBrand } from './view.ts';

export async function listBrands(ctx: Context, query: ListBrandsQuery): Promise<Brand[]> {
  const rows = await store.listBrands(ctx.database.db, ctx.scope, query.include_archived ?? false);
  return rows.map((row) => toBrand(row, ctx.urls));
}

export async function getBrand(ctx: Context, id: string): Promise<Brand> {
  const row = await store.findBrand(ctx.database.db, ctx.scope, id);
  if (!row) throw notFound('brand', id);
  return toBrand(row, ctx.urls);
}

/**
 * A new brand is enabled at once. Verification is a live-mode process: test-mode brands pass at once, live ones
 * wait in review (catalog decision Q14).
 */
export async function createBrand(ctx: Context, req: CreateBrandRequest): Promise<Brand> {
  const id = newId('brand');
  const at = now();
  await ctx.database.transaction(async (trx) => {
    const descriptor =
      req.statement_descriptor ?? defaultStatementDescriptor(req.name ?? (await businessName(trx, ctx)));
    await store.insertBrand(trx, {
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      id,
      is_primary: false,
      name: req.name ?? null,
      description: req.description ?? null,
      statement_descriptor: descriptor,
      support_email: req.support_email ?? null,
      url: req.url ?? null,
      image_id: null,
      enabled: true,
      verification_enabled: true,
      verification_status: ctx.scope.mode === 'live' ? 'Review' : 'Success',
      reason_for_hold: null,
      archived_at: null,
      created_at: at,
      updated_at: at,
    });
  });
  return getBrand(ctx, id);
}

/** A nameless brand is described on statements by its business. */
async function businessName(db: Executor, ctx: Context): Promise<string> {
  const business = await findBusiness(db, ctx.scope.businessId);
  return business?.name ?? ctx.scope.businessId;
}

/** Null leaves a field unchanged, as an absent one does (Q1); the primary brand is edited elsewhere (403). */
export async function updateBrand(ctx: Context, id: string, patch: PatchBrandRequest): Promise<Brand> {
  if (patch.image_id != null) {
    // An unknown brand is 404 whatever its body names: it is looked up before the upload is.
    await getBrand(ctx, id);
    await requireUploadedImage(ctx, patch.image_id);
  }
  await ctx.database.transaction(async (trx) => {
    const row = await store.lockBrand(trx, ctx.scope, id);
    if (!row) throw notFound('brand', id);
    if (row.is_primary) {
      throw new ApiError('UNABLE_TO_EDIT_PRIMARY_BRAND', 'the primary brand cannot be updated through this API');
    }
    if (row.archived_at !== null) throw invalid('BRAND_IS_ARCHIVED', `brand ${id} is archived`);
    const changes: store.BrandChanges = { updated_at: now() };
    if (patch.name != null) changes.name = patch.name;
    if (patch.description != null) changes.description = patch.description;
    if (patch.statement_descriptor != null) changes.statement_descriptor = patch.statement_descriptor;
    if (patch.support_email != null) changes.support_email = patch.support_email;
    if (patch.url != null) changes.url = patch.url;
    if (patch.image_id != null) changes.image_id = patch.image_id;
    await store.updateBrand(trx, ctx.scope, id, changes);
  });
  return getBrand(ctx, id);
}

/**
 * Archiving is permanent. The brand's products and collections (archived ones too) move to `move_products_to`,
 * which may be left out only when there is nothing to move. Pricebook keeps no subscriptions, so none ever move.
 */
export async function archiveBrand(ctx: Context, id: string, req: ArchiveBrandRequest): Promise<ArchiveBrandResponse> {
  const target = req.move_products_to ?? null;
  return ctx.database.transaction(async (trx) => {
    const row = await store.lockBrand(trx, ctx.scope, id);
    if (!row) throw notFound('brand', id);
    if (row.is_primary) throw new ApiError('UNABLE_TO_ARCHIVE_PRIMARY_BRAND', 'the primary brand cannot be archived');
    if (row.archived_at !== null) throw new ApiError('BRAND_ALREADY_ARCHIVED', `brand ${id} is already archived`);
    const at = now();
    const moved = { products: 0, collections: 0 };
    if (target === null) {
      // The spec lets the target be left out when the brand holds no products; collections are not named.
      if (await products.anyOfBrand(trx, ctx.scope, id)) {
        throw invalid('MOVE_PRODUCTS_TO_REQUIRED', `brand ${id} still has products: name a brand in move_products_to`);
      }
    } else {
      if (target === id) {
        throw invalid('INVALID_MOVE_PRODUCTS_TO', 'move_products_to cannot be the brand being archived');
      }
      await lockUsable(trx, ctx.scope, target);
      const move = { from: id, to: target, at };
      moved.products = await products.moveToBrand(trx, ctx.scope, move);
      moved.collections = await collections.moveToBrand(trx, ctx.scope, move);
    }
    await store.updateBrand(trx, ctx.scope, id, { archived_at: at, updated_at: at });
    return {
      brand_id: id,
      archived_at: at,
      products_moved: moved.products,
      subscriptions_moved: 0,
      collections_moved: moved.collections,
      moved_to_brand_id: target,
    };
  });
}
