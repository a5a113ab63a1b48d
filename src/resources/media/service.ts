import type { Context } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { newUuid } from '../../lib/ids.ts';
import type { DigitalProductDeliveryFile } from '../products/schema.ts';
import { type Owner, requireOwner } from './owners.ts';
import { checkStoredObject, DOWNLOAD_URL_TTL_SECONDS, keyOf, UPLOAD_URL_TTL_SECONDS } from './rules.ts';
import * as store from './store.ts';

export interface IssuedImageUpload {
  url: string;
  imageId: string;
}

/**
 * Hands out an upload URL for a new image of `owner`. With `attachOnUpload` the image becomes the owner's as
 * soon as its bytes arrive and pass the checks, so they must come through Pricebook, whatever the store;
 * otherwise the client attaches it with `image_id` in a PATCH, which checks it then, and the store may take
 * the bytes directly.
 */
export async function issueImageUpload(
  ctx: Context,
  owner: Owner,
  attachOnUpload: boolean,
): Promise<IssuedImageUpload> {
  const imageId = newUuid();
  await ctx.database.transaction(async (trx) => {
    await requireOwner(trx, ctx.scope, owner);
    await store.insertUpload(trx, {
      id: imageId,
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      kind: 'image',
      attach_owner_type: attachOnUpload ? owner.type : null,
      attach_owner_id: attachOnUpload ? owner.id : null,
      created_at: now(),
    });
  });
  const direct = attachOnUpload
    ? null
    : await ctx.blobs.presignUpload(keyOf({ kind: 'image', id: imageId }), UPLOAD_URL_TTL_SECONDS);
  return { imageId, url: direct ?? ctx.urls.upload(imageId, UPLOAD_URL_TTL_SECONDS) };
}

/** Hands out an upload URL for a product file; PATCH `digital_product_delivery.files` attaches it. */
export async function issueFileUpload(
  ctx: Context,
  productId: string,
  fileName: string,
): Promise<{ file_id: string; url: string }> {
  const fileId = newUuid();
  await ctx.database.transaction(async (trx) => {
    await requireOwner(trx, ctx.scope, { type: 'product', id: productId });
    await store.insertUpload(trx, {
      id: fileId,
      business_id: ctx.scope.businessId,
      mode: ctx.scope.mode,
      kind: 'file',
      file_name: fileName,
      created_at: now(),
    });
  });
  const direct = await ctx.blobs.presignUpload(keyOf({ kind: 'file', id: fileId }), UPLOAD_URL_TTL_SECONDS);
  return { file_id: fileId, url: direct ?? ctx.urls.upload(fileId, UPLOAD_URL_TTL_SECONDS) };
}

/**
 * Refuses an `image_id` that names no uploaded image of this business and mode. An image that went straight
 * to the store is checked here, the first time it is attached. Runs before the attaching transaction, since
 * it may call the store over the network; it writes only the upload's own row.
 */
export async function requireUploadedImage(ctx: Context, imageId: string): Promise<void> {
  const upload = await store.findUpload(ctx.database.db, ctx.scope, imageId);
  if (upload?.kind !== 'image' || !(await ensureChecked(ctx, upload))) {
    throw new ApiError('IMAGE_NOT_UPLOADED', `image_id ${imageId} names no uploaded image: upload it first`);
  }
}

/** The same for files, named in `field` (`digital_product_delivery.files`, an entitlement's config). */
export async function requireUploadedFiles(ctx: Context, fileIds: readonly string[], field: string): Promise<void> {
  if (new Set(fileIds).size !== fileIds.length) {
    throw new ApiError('INVALID_REQUEST_BODY', `${field} names a file more than once`);
  }
  const uploads = await store.findUploads(ctx.database.db, ctx.scope, fileIds);
  const found = new Map(uploads.filter((u) => u.kind === 'file').map((u) => [u.id, u]));
  const missing: string[] = [];
  for (const id of fileIds) {
    const upload = found.get(id);
    if (!upload || !(await ensureChecked(ctx, upload))) missing.push(id);
  }
  if (missing.length > 0) {
    throw new ApiError('MISSING_FILE_IDS', `${field} names files never uploaded: ${missing.join(', ')}`);
  }
}

async function ensureChecked(ctx: Context, upload: store.UploadRow): Promise<boolean> {
  if (upload.uploaded_at) return true;
  const check = await checkStoredObject(ctx.blobs, upload);
  if (!check) return false;
  await store.recordCheck(ctx.database.db, upload.id, check);
  return true;
}

/** Uploaded files by id, each with a download URL that expires; what products and entitlements show of them. */
export type ResolvedFiles = ReadonlyMap<string, DigitalProductDeliveryFile>;

/** Resolves the files of any number of products or entitlements with one query. Unknown ids are left out. */
export async function resolveFiles(ctx: Context, fileIds: readonly string[]): Promise<ResolvedFiles> {
  const uploads = await store.findUploads(ctx.database.db, ctx.scope, [...new Set(fileIds)]);
  const files = new Map<string, DigitalProductDeliveryFile>();
  for (const upload of uploads) {
    const fileName = upload.file_name ?? upload.id;
    const direct = await ctx.blobs.presignDownload(keyOf(upload), {
      expiresIn: DOWNLOAD_URL_TTL_SECONDS,
      fileName,
      contentType: upload.content_type,
    });
    files.set(upload.id, {
      file_id: upload.id,
      filename: fileName,
      content_type: upload.content_type,
      file_size: upload.size,
      download_url: direct ?? ctx.urls.file(upload.id, DOWNLOAD_URL_TTL_SECONDS),
      expires_in: DOWNLOAD_URL_TTL_SECONDS,
    });
  }
  return files;
}

/** `fileIds` in their order, as resolved; ids `files` does not know are left out. */
export function pickFiles(fileIds: readonly string[], files: ResolvedFiles): DigitalProductDeliveryFile[] {
  return fileIds.flatMap((id) => files.get(id) ?? []);
}
