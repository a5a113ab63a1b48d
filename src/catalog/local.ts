import { createApiKey, revokeApiKey } from '../accounts/service.ts';
import { buildApp } from '../app.ts';
import type { BlobStore } from '../blobs/store.ts';
import type { Database } from '../db/database.ts';
import type { Mode } from '../db/schema.ts';
import { localTarget, type Target } from './target.ts';

// A business and mode of this process's own database as a target. It is reached through the same SDK
// calls as a remote one, answered in process, under a key made for the run and revoked after it.

export interface LocalSetup {
  database: Database;
  blobs: BlobStore;
  publicUrl: string;
}

export async function withLocalTarget<T>(
  setup: LocalSetup,
  businessId: string,
  mode: Mode,
  work: (target: Target) => Promise<T>,
): Promise<T> {
  const app = await buildApp({ database: setup.database, publicUrl: setup.publicUrl, blobs: setup.blobs });
  await app.ready();
  const issued = await createApiKey(setup.database.db, businessId, mode);
  try {
    return await work(localTarget(app, setup.publicUrl, issued.key, `local:${businessId}:${mode}`));
  } finally {
    await revokeApiKey(setup.database.db, issued.key_id);
    await app.close();
  }
}
