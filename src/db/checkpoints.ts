import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { walIndex } from './wal-changes.ts';

/** WAL frames not yet copied into the database file past which a checkpoint is asked for: SQLite's own default. */
const CHECKPOINT_FRAMES = 1000;
/** Frames few enough for the writer to copy itself, so that the WAL starts over (see below). */
const FINISH_FRAMES = 200;
/**
 * The writer's own autocheckpoint runs inside the COMMIT of whichever write crosses it, and holds up every request
 * behind it for as long as it copies and syncs (bench/RESULTS.md): it stays only as a backstop, far above.
 */
export const BACKSTOP_FRAMES = 10_000;
/** How long after a write the WAL is looked at: one look per burst of writes, none while the server is idle. */
const LOOK_AFTER_MS = 10;

/**
 * The worker thread, started on the SQLite file at `path`. In the bundle this code sits in a chunk at the top of dist/,
 * and the worker is the entry point scripts/build.js writes to dist/db/. From the sources it is the .ts file beside
 * this one, loaded through tsx's API: Node 20 does not run the process's module hooks (tsx's) in worker threads.
 */
function workerThread(path: string): Worker {
  const workerData = { path };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./db/checkpoint-worker.js', import.meta.url), { workerData });
  }
  const [tsx, file, parent] = [
    import.meta.resolve('tsx/esm/api'),
    new URL('./checkpoint-worker.ts', import.meta.url).href,
    import.meta.url,
  ].map((text) => JSON.stringify(text));
  return new Worker(`import(${tsx}).then((tsx) => tsx.tsImport(${file}, ${parent}))`, { eval: true, workerData });
}

/**
 * Checkpoints the WAL of the SQLite file at `path` on a worker thread instead of in the writer's commits; `wrote` is
 * to be called after each statement or transaction of the writer.
 *
 * The worker copies the bulk while the writer goes on appending, so under a steady stream of writes it seldom
 * catches up alone; and SQLite writes the WAL from its start again only when a write transaction begins with every
 * frame copied. So the worker is asked again while each round halves what is left, and then `finish` runs a
 * checkpoint on the writer between two transactions, and the next write starts the WAL over (without it, the WAL
 * in test/wal-checkpoints.test.ts reached 2,800 frames instead of 1,200–1,400). A round that copies nothing (a
 * reader of any process holds an old snapshot) ends the cycle until a later write looks again. The worker starts on
 * the first checkpoint a burst of writes needs: a server that writes little never has one. Should it fail, the
 * writer checkpoints itself again, as SQLite does by default.
 */
export function backgroundCheckpoints(
  writer: SQLite.Database,
  path: string,
  finish: () => Promise<unknown>,
): { wrote(): void; close(): Promise<void> } {
  writer.pragma(`wal_autocheckpoint = ${BACKSTOP_FRAMES}`);
  const index = walIndex(path);
  // mxFrame (the last frame in the WAL) is word 4 of the wal-index header, nBackfill (the last one copied into the
  // database file) word 24, just after its two copies: native byte order, as a Uint32Array reads them.
  const words = new Uint32Array(25);
  const header = Buffer.from(words.buffer);
  const read = () => (index.read(header) ? { last: words[4] ?? 0, copied: words[24] ?? 0 } : { last: 0, copied: 0 });
  let timer: NodeJS.Timeout | undefined;
  let worker: { thread: Worker; exited: Promise<unknown> } | undefined;
  let finishing: Promise<unknown> | undefined;
  let closing: Promise<void> | undefined;
  let asked = { last: 0, copied: 0 };
  let running = false;
  let stopped = false;

  const giveUp = (why: string) => {
    if (stopped) return;
    process.emitWarning(`background WAL checkpoints stopped, the writer checkpoints itself again: ${why}`);
    stopped = true;
    writer.pragma(`wal_autocheckpoint = ${CHECKPOINT_FRAMES}`);
  };
  const ask = () => {
    asked = read();
    if (worker === undefined) {
      const thread = workerThread(path);
      thread.on('message', (reply: { error?: string }) =>
        reply.error === undefined ? answered() : giveUp(reply.error),
      );
      thread.on('error', (error) => giveUp(error.message));
      thread.on('exit', () => giveUp('the worker thread exited'));
      thread.unref();
      worker = { thread, exited: new Promise((resolve) => thread.once('exit', resolve)) };
    }
    worker.thread.postMessage('checkpoint');
  };
  const answered = () => {
    const now = read();
    const left = now.last - now.copied;
    // The WAL started over (another process finished), or nothing was copied: this cycle is done.
    if (stopped || now.last < asked.last || now.copied === asked.copied) {
      running = false;
      return;
    }
    if (left > FINISH_FRAMES && left <= (asked.last - asked.copied) / 2) return ask();
    finishing = finish()
      .catch((error: Error) => giveUp(error.message))
      .finally(() => {
        running = false;
        finishing = undefined;
      });
  };
  const look = () => {
    timer = undefined;
    if (running || stopped) return;
    const { last, copied } = read();
    if (last - copied < CHECKPOINT_FRAMES) return;
    running = true;
    try {
      ask();
    } catch (error) {
      giveUp((error as Error).message);
    }
  };
  return {
    wrote: () => {
      if (timer === undefined && !running && !stopped) timer = setTimeout(look, LOOK_AFTER_MS).unref();
    },
    close: () =>
      (closing ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await finishing;
        if (worker !== undefined) {
          // Unreferenced, it would not keep the process alive until it has closed its connection.
          worker.thread.ref();
          worker.thread.postMessage('close');
          await worker.exited;
        }
        index.close();
      })()),
  };
}
