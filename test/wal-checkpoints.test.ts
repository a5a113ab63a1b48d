import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep, setImmediate as yieldToIo } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { BACKSTOP_FRAMES } from '../src/db/checkpoints.ts';
import { type Database, migrate, openDatabase } from '../src/db/database.ts';
import { freshSqliteFile } from './support/databases.ts';
import { walSequence } from './support/wal.ts';

const PAGE_BYTES = 4096;
const FRAME_BYTES = PAGE_BYTES + 24;

describe('SQLite WAL checkpoints', () => {
  let file: ReturnType<typeof freshSqliteFile>;
  let path: string;
  let database: Database;
  const warnings: string[] = [];
  const warned = (warning: Error) => warnings.push(warning.message);
  before(async () => {
    process.on('warning', warned);
    file = freshSqliteFile();
    path = file.path;
    database = openDatabase(file.url);
    await migrate(database);
    // Rows of most of a page each: every update rewrites at least one page, one frame of the WAL.
    await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
    for (let id = 0; id < 64; id++) await sql`INSERT INTO scratch VALUES (${id}, ${body(0)})`.execute(database.db);
  });
  after(async () => {
    await database.close();
    await file.drop();
    process.off('warning', warned);
    assert.deepEqual(warnings, []);
  });

  const body = (n: number) => `${n}`.padEnd(PAGE_BYTES - 600, '.');
  // Each update a new revision: SQLite writes nothing for a row that an update leaves as it was.
  let revision = 0;
  /**
   * `updates` updates from eight writers, with I/O between them as a server has: each a transaction, or a statement
   * of its own (several stores write so).
   */
  const write = async (updates: number, { transactions = true } = {}) => {
    const end = revision + updates;
    const writer = async () => {
      while (revision < end) {
        const n = revision++;
        const update = sql`UPDATE scratch SET body = ${body(n)} WHERE id = ${n % 64}`;
        await (transactions ? database.transaction((trx) => update.execute(trx)) : update.execute(database.db));
        await yieldToIo();
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
  };
  /** Writes a little at a time until the WAL has started over once. */
  const untilStartedOver = async () => {
    const sequence = walSequence(path);
    for (const deadline = Date.now() + 30_000; walSequence(path) === sequence; await sleep(10)) {
      assert.ok(Date.now() < deadline, 'the WAL never started over');
      await write(20);
    }
  };

  /**
   * Where both tests start, so that neither the worker thread's start nor a cycle begun by earlier writes counts for
   * or against what a test measures: the worker up, its cycle done, the WAL cut to nothing. The cut alone makes the
   * next write start the WAL over, so `write(1)` spends that start over before a test reads the sequence (without it,
   * the first test passed with autocommit writes never reaching the checkpoints). That write's look is then used up
   * on a WAL with nothing to copy; left pending, it could begin a cycle amid a test's writes. Timers fire in the order
   * they fall due, so the look (due in 10 ms) runs before the sleep ends, however late both are.
   */
  const workerUpWalEmpty = async () => {
    await write(BACKSTOP_FRAMES / 2);
    await untilStartedOver();
    const truncate = sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`;
    while ((await truncate.execute(database.db)).rows[0]?.busy) await sleep(10);
    await write(1);
    await sleep(100);
  };

  test('writes outside transactions bring checkpoints too', async () => {
    await workerUpWalEmpty();
    const sequence = walSequence(path);
    await write(BACKSTOP_FRAMES / 3, { transactions: false });
    assert.notEqual(walSequence(path), sequence, 'the WAL started over');
  });

  test('under a steady stream of writes the WAL starts over instead of growing to the backstop', async () => {
    await workerUpWalEmpty();
    const sequence = walSequence(path);
    const updates = BACKSTOP_FRAMES * 2;
    await write(updates);

    // The writer's own backstop would let the WAL reach BACKSTOP_FRAMES (each update here is one frame) before each
    // start over; the background checkpoints start it over every fraction of that. On average a quarter at most
    // (here 13-15 times in all, alone or beside two spinning processes); one cycle alone may run longer when the
    // worker thread waits for a busy CPU (2,976 frames once, beside the spinners), so the most the WAL file ever
    // held (it never shrinks) is held to half.
    const startsOver = walSequence(path) - sequence;
    assert.ok(startsOver > updates / (BACKSTOP_FRAMES / 4), `the WAL started over ${startsOver} times`);
    const frames = statSync(`${path}-wal`).size / FRAME_BYTES;
    assert.ok(frames < BACKSTOP_FRAMES / 2, `the WAL held ${Math.round(frames)} frames`);
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(database.db);
    assert.equal(rows.rows[0]?.n, 64);
  });

  test('a reader holding an old snapshot makes the checkpoints wait, not spin; they go on once it ends', async () => {
    const reader = new SQLite(path);
    try {
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM scratch').get();
      await write(BACKSTOP_FRAMES / 5);
      await sleep(100);
      const before = process.cpuUsage();
      await sleep(300);
      const used = process.cpuUsage(before);
      // Idle but for the reader: a checkpoint asked again and again would keep a core busy the whole time.
      assert.ok(used.user + used.system < 50_000, `${(used.user + used.system) / 1000} ms of CPU in 300 ms idle`);
      reader.prepare('COMMIT').run();
    } finally {
      reader.close();
    }
    await untilStartedOver();
  });
});
