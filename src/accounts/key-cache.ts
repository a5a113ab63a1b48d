import type { Database } from '../db/database.ts';
import { watchApiKeys } from '../db/key-changes.ts';

/**
 * How long a looked-up key is trusted without reading it again, whatever the change signal says: the bound of
 * the README's promise that a revoked key is refused by every process within 1 second. The signal (SQLite's
 * data_version, PostgreSQL's NOTIFY) usually clears the cache well before; this covers a signal that is late
 * or lost (a dropped LISTEN connection, a timer held up by a busy event loop).
 */
export const KEY_TRUST_MS = 1000;

export interface KeyCache<Record> {
  /**
   * The record for a key: at once from memory when read less than KEY_TRUST_MS ago and unchanged since (no promise,
   * so a request's hook goes on in the same tick), else a promise of the database's answer.
   */
  get(key: string): Record | Promise<Record | undefined>;
  close(): Promise<void>;
}

interface Entry<Record> {
  record: Record;
  readAt: number;
}

/**
 * Keeps what `lookup` found for each key. Only keys that exist are kept: an unknown key goes to the
 * database every time, so a key created anywhere works on its first request. Whatever record `lookup`
 * returns is kept whole, so a field the accounts store adds reaches the request unchanged.
 */
export async function keyCache<Record>(
  database: Database,
  lookup: (key: string) => Promise<Record | undefined>,
): Promise<KeyCache<Record>> {
  const entries = new Map<string, Entry<Record>>();
  // Bumped by every change signal: a lookup that was in flight when one arrived may have read the old row,
  // so its answer is used for that request but not kept.
  let generation = 0;
  const stopWatching = await watchApiKeys(database, () => {
    generation++;
    entries.clear();
  });
  return {
    get(key) {
      const now = performance.now();
      const entry = entries.get(key);
      if (entry !== undefined && now - entry.readAt < KEY_TRUST_MS) return entry.record;
      const before = generation;
      return lookup(key).then((record) => {
        if (record === undefined) entries.delete(key);
        else if (generation === before) entries.set(key, { record, readAt: now });
        return record;
      });
    },
    async close() {
      entries.clear();
      await stopWatching();
    },
  };
}
