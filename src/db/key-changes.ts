import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { type Database, loadPg } from './database.ts';

/** The channel the trigger of PostgreSQL migration 007 notifies on each change to `api_keys`. */
export const API_KEYS_CHANNEL = 'pricebook_api_keys';

/** How often SQLite's change counter is read: four times within the 1 s a revocation may take. */
const SQLITE_POLL_MS = 250;
/** How long a lost PostgreSQL LISTEN connection waits before it is opened again. */
const RECONNECT_MS = 500;

/**
 * Calls `onChange` soon after API keys may have changed in any process, and returns what stops watching.
 * Neither signal is per request: SQLite's counter is read on a timer, PostgreSQL pushes a notification.
 */
export async function watchApiKeys(database: Database, onChange: () => void): Promise<() => Promise<void>> {
  if (database.dialect === 'postgres') return listen(database.url, onChange);
  return pollDataVersion(database.url, onChange);
}

/**
 * `PRAGMA data_version` changes when another connection commits, the server's own writer included, so it
 * changes on any write, not only to keys: a write costs each cached key one lookup, at most every 250 ms. An
 * in-memory database has no other connection; there the 1 s bound of the cache stands alone.
 */
function pollDataVersion(url: string, onChange: () => void): () => Promise<void> {
  if (url === ':memory:') return async () => undefined;
  const connection = new SQLite(url.slice('file:'.length), { readonly: true, fileMustExist: true });
  const dataVersion = connection.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  const timer = setInterval(() => {
    const version = dataVersion.get();
    if (version !== seen) {
      seen = version;
      onChange();
    }
  }, SQLITE_POLL_MS);
  // A poll never keeps the process alive; a graceful shutdown closes it anyway.
  timer.unref();
  return async () => {
    clearInterval(timer);
    connection.close();
  };
}

/**
 * One connection of its own (a pooled one cannot hold LISTEN), opened again when it is lost. While it is down
 * notifications are missed, so losing it counts as a change, and the cache's 1 s bound covers the gap.
 */
async function listen(url: string, onChange: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    const next = new (loadPg().Client)({ connectionString: url });
    next.on('notification', onChange);
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${API_KEYS_CHANNEL}`);
    } catch (error) {
      lost(next, error as Error);
    }
  };
  const lost = (which: pg.Client, error?: Error): void => {
    if (closed || which !== client) return;
    client = undefined;
    onChange();
    if (error) process.emitWarning(`PostgreSQL key notifications lost, listening again: ${error.message}`);
    void which.end().catch(() => undefined);
    retry = setTimeout(() => void connect(), RECONNECT_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
