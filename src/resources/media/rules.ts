import { imageTypeOf, SNIFF_LENGTH } from '../../blobs/sniff.ts';
import type { BlobStore } from '../../blobs/store.ts';
import { ApiError } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import type { UploadCheck, UploadRow } from './store.ts';

/** The spec: "Upload … to this URL within 60s". */
export const UPLOAD_URL_TTL_SECONDS = 60;
/** How long a file's `download_url` and an image redirect stay valid. */
export const DOWNLOAD_URL_TTL_SECONDS = 3600;
export const IMAGE_MAX_BYTES = 3 * 1024 * 1024;
/** The per-file cap the spec gives for entitlement files, applied to product files too. */
export const FILE_MAX_BYTES = 500 * 1024 * 1024;

export const maxBytesOf = (upload: Pick<UploadRow, 'kind'>) =>
  upload.kind === 'image' ? IMAGE_MAX_BYTES : FILE_MAX_BYTES;

/** Where an upload's bytes live in the blob store. */
export const keyOf = (upload: Pick<UploadRow, 'kind' | 'id'>) => `${upload.kind}s/${upload.id}`;

/**
 * Checks an object a client uploaded straight to the store (S3), which Pricebook did not see arrive:
 * it must exist and fit the caps, and an image must be PNG, JPEG or WebP by its bytes. Returns what to
 * record, or undefined when nothing was uploaded.
 */
export async function checkStoredObject(blobs: BlobStore, upload: UploadRow): Promise<UploadCheck | undefined> {
  const key = keyOf(upload);
  const info = await blobs.stat(key);
  if (!info) return undefined;
  if (info.size > maxBytesOf(upload)) {
    throw new ApiError(
      upload.kind === 'image' ? 'INVALID_IMAGE' : 'FILE_TOO_LARGE',
      `${upload.kind} ${upload.id} is ${info.size} bytes; at most ${maxBytesOf(upload)} are allowed`,
    );
  }
  let contentType = info.contentType;
  if (upload.kind === 'image') {
    contentType = imageTypeOf(await blobs.readStart(key, SNIFF_LENGTH)) ?? null;
    if (!contentType) throw new ApiError('INVALID_IMAGE', `image ${upload.id} is not a PNG, JPEG or WebP image`);
  }
  return { size: info.size, content_type: contentType, uploaded_at: now() };
}
