import { closeSync, openSync, readSync } from 'node:fs';

/** The wal-index header: two copies of 48 bytes at the start of the `-shm` file. */
const HEADER_BYTES = 96;

/**
 * The start of the wal-index (https://www.sqlite.org/walformat.html), which every connection to the SQLite file at
 * `path`, of any process, shares through the `-shm` file beside it. `read` fills `into` from its first byte and
 * says false when there is no `-shm` file when first asked (a database not in WAL mode), and from then on.
 */
export function walIndex(path: string): { read(into: Buffer): boolean; close(): void } {
  let fd: number | null | undefined;
  return {
    read: (into) => {
      if (fd === undefined) {
        try {
          fd = openSync(`${path}-shm`, 'r');
        } catch {
          fd = null;
        }
      }
      if (fd === null) return false;
      into.fill(0, readSync(fd, into, 0, into.length, 0));
      return true;
    },
    close: () => {
      if (typeof fd === 'number') closeSync(fd);
      fd = null;
    },
  };
}

/**
 * A number that moves whenever any connection, of this process or another, commits to the SQLite file at `path`,
 * except for the commits of this process's writer that it announced (`begin`, `committed`).
 * Every commit rewrites the wal-index header before COMMIT returns: one read of it answers what
 * `PRAGMA data_version` answered with a read transaction on the reader, whose locks cost a kept GET several
 * system calls (bench/RESULTS.md). A read torn by a commit under way differs from the one before too, so it can
 * only drop kept pages early, never keep them late. A database without a `-shm` file when first asked (one not in
 * WAL mode) is answered by `fallback` from then on, so that the two kinds of number never meet.
 *
 * `writerDataVersion` is `PRAGMA data_version` on the writer's connection: it moves only when another connection
 * has committed since the writer's last transaction.
 */
export function walChanges(
  path: string,
  fallback: () => number,
  writerDataVersion: () => number,
): {
  read(): number;
  /** Inside a write transaction of the writer, before it writes. */
  begin(): void;
  /**
   * Once that transaction has committed: true when its commit was the only one since the number was last read,
   * which then does not move for it; its writer says what it changed instead. False, and the number moves, when
   * another commit may have come between.
   */
  committed(): boolean;
  /** Moves the number, as another commit would: every kept page is dropped at its next read. */
  move(): void;
  close(): void;
} {
  const index = walIndex(path);
  const header = Buffer.alloc(HEADER_BYTES);
  const seen = Buffer.alloc(HEADER_BYTES);
  let changes = 0;
  // Set by begin: whether every commit before the transaction had been seen, and the writer's data_version then.
  let seenBefore = false;
  let versionBefore = 0;
  return {
    read: () => {
      if (!index.read(header)) return fallback();
      if (!header.equals(seen)) {
        header.copy(seen);
        changes += 1;
      }
      return changes;
    },
    begin: () => {
      // The transaction holds the write lock: no commit can come between this read and its own.
      seenBefore = index.read(header) && header.equals(seen);
      versionBefore = writerDataVersion();
    },
    committed: () => {
      const allSeen = seenBefore;
      seenBefore = false;
      if (!allSeen || !index.read(header)) return false;
      // Read after the header: a commit of another connection between COMMIT and that read moves it.
      if (writerDataVersion() !== versionBefore) return false;
      header.copy(seen);
      return true;
    },
    move: () => {
      changes += 1;
    },
    close: index.close,
  };
}
