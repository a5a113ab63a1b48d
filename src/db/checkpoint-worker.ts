import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * The thread that copies the WAL back into the SQLite file at `workerData.path` when checkpoints.ts asks, on a
 * connection of its own. A PASSIVE checkpoint never waits for the server's writer or readers, nor they for it.
 */
const port = parentPort;
if (port === null) throw new Error('checkpoint-worker.ts runs as a worker thread');
const connection = new SQLite(workerData.path);
connection.pragma('busy_timeout = 1000');
port.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    connection.close();
    port.close();
    return;
  }
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
    port.postMessage({});
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
