import type { Context } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { ApiError, notFound } from '../../errors.ts';
import type { ReceivedFile } from '../../http/file-body.ts';
import { now } from '../../lib/clock.ts';
import { recordReceivedFile, storeReceivedFile } from '../media/received.ts';
import { fileIdsOf, type StoredDigitalFiles, withFile, withoutFile } from './digital-files.ts';
import { digitalFilesOf } from './integration-config.ts';
import type { EntitlementRow } from './store.ts';
import * as store from './store.ts';

// The files of a `digital_files` entitlement: POST adds one from the request's bytes, DELETE detaches one.

/** The entitlement, which must be of this business and mode (404) and deliver files (422). */
function requireFilesEntitlement(row: EntitlementRow | undefined, id: string): StoredDigitalFiles {
  if (!row) throw notFound('entitlement', id);
  if (row.integration_type !== 'digital_files') {
    // The spec's 422 "Entitlement is not digital_files": the id in the path is the parameter at fault.
    throw new ApiError(
      'INVALID_REQUEST_PARAMETERS',
      `entitlement ${id} is a ${row.integration_type} entitlement: only digital_files entitlements hold files`,
    );
  }
  return digitalFilesOf(row.integration_config);
}

async function saveConfig(db: Executor, ctx: Context, id: string, config: StoredDigitalFiles): Promise<void> {
  await store.updateEntitlement(db, ctx.scope, id, { integration_config: { ...config }, updated_at: now() });
}

/**
 * Stores the file the request carries and appends it to the entitlement's `digital_file_ids`. The entitlement is
 * checked before a byte is read, so a wrong id costs no upload, and again under lock when the file is attached.
 */
export async function addFile(
  ctx: Context,
  id: string,
  receive: () => Promise<ReceivedFile>,
): Promise<{ file_id: string }> {
  requireFilesEntitlement(await store.findEntitlement(ctx.database.db, ctx.scope, id), id);
  const upload = await storeReceivedFile(ctx, await receive());
  await ctx.database.transaction(async (trx) => {
    const config = requireFilesEntitlement(await store.lockEntitlement(trx, ctx.scope, id), id);
    await recordReceivedFile(trx, upload);
    await saveConfig(trx, ctx, id, withFile(config, upload.id));
  });
  return { file_id: upload.id };
}

/** Detaches the file; its bytes stay, as every replaced upload's do, and its download URLs run out on their own. */
export async function removeFile(ctx: Context, id: string, fileId: string): Promise<void> {
  await ctx.database.transaction(async (trx) => {
    const config = requireFilesEntitlement(await store.lockEntitlement(trx, ctx.scope, id), id);
    if (!fileIdsOf(config).includes(fileId)) throw notFound('file', fileId);
    await saveConfig(trx, ctx, id, withoutFile(config, fileId));
  });
}
