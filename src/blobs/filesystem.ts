import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobInfo, BlobStore } from './store.ts';

/**
 * Objects as plain files under `root`. It presigns nothing: uploads and downloads go through Pricebook's
 * signed routes, which check the bytes on the way in.
 */
export function filesystemStore(root: string): BlobStore {
  // Keys are built by Pricebook from UUIDs (`images/<uuid>`), never taken from a request.
  const pathOf = (key: string) => join(root, key);

  return {
    kind: 'filesystem',
    presignUpload: async () => null,
    presignDownload: async () => null,
    async putFile(key, path) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(path, target);
      } catch (error) {
        // The spooled upload may sit on another filesystem (the OS temp folder).
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(path, target);
        await unlink(path);
      }
    },
    async stat(key): Promise<BlobInfo | undefined> {
      const found = await stat(pathOf(key)).catch(ignoreMissing);
      return found && { size: found.size, contentType: null };
    },
    async readStart(key, length) {
      const file = await open(pathOf(key), 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await file.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    },
    async open(key): Promise<Readable | undefined> {
      const found = await stat(pathOf(key)).catch(ignoreMissing);
      return found ? createReadStream(pathOf(key)) : undefined;
    },
    async delete(key) {
      await unlink(pathOf(key)).catch(ignoreMissing);
    },
    close: async () => undefined,
  };
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
