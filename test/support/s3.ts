import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import S3rver from 's3rver';
import type { S3Settings } from '../../src/config.ts';

const BUCKET = 'pricebook-test';

export interface TestS3 {
  /** Starts the server on first call; Node 20 runs a file's root `before` hooks concurrently, so the test
   * server's blob store awaits this rather than relying on hook order. */
  ready(): Promise<S3Settings>;
  /** The settings, once started. */
  settings(): S3Settings;
}

/** A real S3-compatible server (s3rver) on a random loopback port for the enclosing file. */
export function useS3rver(): TestS3 {
  const directory = mkdtempSync(join(tmpdir(), 'pricebook-s3-'));
  let server: S3rver | undefined;
  let settings: S3Settings | undefined;
  let starting: Promise<S3Settings> | undefined;
  const ready = () => {
    starting ??= (async () => {
      server = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory,
        configureBuckets: [{ name: BUCKET, configs: [] }],
      });
      const { port } = await server.run();
      settings = {
        bucket: BUCKET,
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        // s3rver's fixed development credentials.
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        forcePathStyle: true,
      };
      return settings;
    })();
    return starting;
  };
  before(ready);
  after(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });
  return {
    ready,
    settings() {
      if (!settings) throw new Error('s3rver starts in before()');
      return settings;
    },
  };
}
