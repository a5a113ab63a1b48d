import { unlink } from 'node:fs/promises';
import type { Insertable } from 'kysely';
import type { Context } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import type { UploadsTable } from '../../db/schema.ts';
import type { ReceivedFile } from '../../http/file-body.ts';
import { now } from '../../lib/clock.ts';
import { newUuid } from '../../lib/ids.ts';
import { keyOf } from './rules.ts';
import { insertUpload } from './store.ts';

/**
 * Puts a file whose bytes came with an API request (not through an upload URL) in the blob store, and returns
 * its `uploads` row: already uploaded and checked, for the caller to insert in the transaction that attaches it.
 * Should that transaction fail, the stored bytes stay unreferenced, as replaced uploads do.
 */
export async function storeReceivedFile(ctx: Context, file: ReceivedFile): Promise<Insertable<UploadsTable>> {
  const id = newUuid();
  try {
    await ctx.blobs.putFile(keyOf({ kind: 'file', id }), file.path, { size: file.size, contentType: file.contentType });
  } finally {
    // putFile moves or removes the file; this is for when it failed first.
    await unlink(file.path).catch(() => undefined);
  }
  const at = now();
  return {
    id,
    business_id: ctx.scope.businessId,
    mode: ctx.scope.mode,
    kind: 'file',
    file_name: file.fileName,
    content_type: file.contentType,
    size: file.size,
    uploaded_at: at,
    created_at: at,
  };
}

/** Records a received file's upload in `tx`, the transaction that attaches the file to its owner. */
export async function recordReceivedFile(tx: Tx, upload: Insertable<UploadsTable>): Promise<void> {
  await insertUpload(tx, upload);
}
