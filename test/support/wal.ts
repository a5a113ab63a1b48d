import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The checkpoint sequence number in the header of the WAL beside the SQLite file at `path`
 * (https://www.sqlite.org/walformat.html): it moves each time the WAL starts over from its beginning.
 */
export function walSequence(path: string): number {
  const fd = openSync(`${path}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}
