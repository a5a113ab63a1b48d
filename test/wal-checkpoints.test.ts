import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { sql } from 'kysely';
import { BACKSTOP_FRAMES } from '../src/db/checkpoints.ts';
import { migrate, openDatabase } from '../src/db/database.ts';
import { freshDatabase } from './support/databases.ts';

const PAGE_BYTES = 4096;
const FRAME_BYTES = PAGE_BYTES + 24;

test('under a steady stream of writes the SQLite WAL starts over instead of growing to the backstop', async () => {
  const warnings: string[] = [];
  const warned = (warning: Error) => warnings.push(warning.message);
  process.on('warning', warned);
  const file = await freshDatabase('sqlite');
  const database = openDatabase(file.url);
  try {
    await migrate(database);
    // Rows of most of a page each: every update rewrites at least one page, one frame of the WAL.
    await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
    const body = (n: number) => `${n}`.padEnd(PAGE_BYTES - 600, '.');
    for (let id = 0; id < 64; id++) await sql`INSERT INTO scratch VALUES (${id}, ${body(0)})`.execute(database.db);

    // From eight writers, with I/O between transactions as a server has.
    const write = async (updates: number) => {
      let next = 0;
      const writer = async () => {
        while (next < updates) {
          const n = next++;
          await database.transaction((trx) =>
            sql`UPDATE scratch SET body = ${body(n)} WHERE id = ${n % 64}`.execute(trx),
          );
          await yieldToIo();
        }
      };
      await Promise.all(Array.from({ length: 8 }, writer));
    };
    // A first burst starts the worker; then the WAL file is cut to nothing, so that what follows is measured alone.
    await write(BACKSTOP_FRAMES / 2);
    const truncate = sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`;
    while ((await truncate.execute(database.db)).rows[0]?.busy) await new Promise((r) => setTimeout(r, 10));
    await write(BACKSTOP_FRAMES * 2);

    // The WAL file never shrinks: its size is the most it ever held. The writer's own backstop would have let it
    // reach BACKSTOP_FRAMES before each start over; the background checkpoints keep it to a fraction of that.
    const frames = statSync(`${file.url.slice('file:'.length)}-wal`).size / FRAME_BYTES;
    assert.ok(frames < BACKSTOP_FRAMES / 4, `the WAL held ${Math.round(frames)} frames`);
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(database.db);
    assert.equal(rows.rows[0]?.n, 64);
  } finally {
    await database.close();
    await file.drop();
    process.off('warning', warned);
  }
  assert.deepEqual(warnings, []);
});
