import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { filesystemStore } from './filesystem.ts';
import type { BlobStore } from './store.ts';

/** S3 when a bucket is configured, otherwise files under the data folder. */
export async function openBlobStore(config: Pick<Config, 'dataDir' | 's3'>, clock: Clock): Promise<BlobStore> {
  if (!config.s3) return filesystemStore(join(config.dataDir, 'blobs'));
  // Loaded only when used: the AWS SDK is large, and the filesystem store is the default.
  const { s3Store } = await import('./s3.ts');
  return s3Store(config.s3, clock);
}
