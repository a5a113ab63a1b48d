import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { imageTypeOf, SNIFF_LENGTH } from '../../blobs/sniff.ts';
import { spool } from '../../blobs/spool.ts';
import type { Services } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import { PUBLIC_PATHS } from '../../lib/urls.ts';
import { isOwnerType, setOwnerImage } from './owners.ts';
import { DOWNLOAD_URL_TTL_SECONDS, keyOf, maxBytesOf } from './rules.ts';
import type { SignedQuery } from './schema.ts';
import * as store from './store.ts';

// The routes without an API key: Pricebook's own signed upload URL, and serving images and files.

/**
 * Takes the bytes of an upload through a signed URL. They are checked on the way in (the size cap, and an
 * image's type by its first bytes), so nothing refused is ever stored or attached.
 */
export async function receiveUpload(
  services: Services,
  uploadId: string,
  query: SignedQuery,
  body: Readable,
  declaredType: string | undefined,
): Promise<void> {
  services.signer.check(PUBLIC_PATHS.upload(uploadId), query);
  const upload = await store.findUploadAnywhere(services.database.db, uploadId);
  if (!upload) throw notFound('upload', uploadId);

  const spooled = await spool(body, maxBytesOf(upload), SNIFF_LENGTH);
  let contentType = declaredType ?? null;
  try {
    if (upload.kind === 'image') {
      contentType = imageTypeOf(spooled.head) ?? null;
      if (!contentType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'only PNG, JPEG and WebP images are accepted');
    }
    await services.blobs.putFile(keyOf(upload), spooled.path, { size: spooled.size, contentType });
  } finally {
    await unlink(spooled.path).catch(() => undefined);
  }

  const scope = { businessId: upload.business_id, mode: upload.mode };
  await services.database.transaction(async (trx) => {
    await store.recordCheck(trx, upload.id, { size: spooled.size, content_type: contentType, uploaded_at: now() });
    const { attach_owner_type: ownerType, attach_owner_id: ownerId } = upload;
    if (ownerType && ownerId && isOwnerType(ownerType)) {
      await setOwnerImage(trx, scope, { type: ownerType, id: ownerId }, upload.id);
    }
  });
}

export type Delivery =
  | { redirect: string }
  | { body: Readable; contentType: string | null; size: number | null; fileName?: string };

/** An uploaded image, public like a CDN's: the id in its URL is what grants access. */
export async function openImage(services: Services, imageId: string): Promise<Delivery> {
  const upload = await store.findUploadAnywhere(services.database.db, imageId);
  if (upload?.kind !== 'image' || !upload.uploaded_at) throw notFound('image', imageId);
  return deliver(services, upload, undefined);
}

/** A product file, through the signed URL of its `download_url`. */
export async function openFile(services: Services, fileId: string, query: SignedQuery): Promise<Delivery> {
  services.signer.check(PUBLIC_PATHS.file(fileId), query);
  const upload = await store.findUploadAnywhere(services.database.db, fileId);
  if (upload?.kind !== 'file' || !upload.uploaded_at) throw notFound('file', fileId);
  return deliver(services, upload, upload.file_name ?? upload.id);
}

async function deliver(services: Services, upload: store.UploadRow, fileName: string | undefined): Promise<Delivery> {
  const key = keyOf(upload);
  const options = { expiresIn: DOWNLOAD_URL_TTL_SECONDS, fileName, contentType: upload.content_type };
  const redirect = await services.blobs.presignDownload(key, options);
  if (redirect) return { redirect };
  const body = await services.blobs.open(key);
  if (!body) throw notFound(upload.kind, upload.id);
  return { body, contentType: upload.content_type, size: upload.size, fileName };
}
