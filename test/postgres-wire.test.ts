import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, type Executor, migrate, openDatabase, type Tx } from '../src/db/database.ts';
import { thenCommit } from '../src/db/pg-statements.ts';
import { prepared, type Slots } from '../src/db/prepared.ts';
import { freshDatabase, type TestDatabase } from './support/databases.ts';

// What src/db/pg-statements.ts does on PostgreSQL's wire: a transaction's BEGIN sent with its first statement, and
// named statements' rows decoded with parsers kept per connection.

const admin = process.env.TEST_DATABASE_URL;

const namesOf = prepared<{ id: string }, { name: string }>((db, slots) =>
  db.selectFrom('businesses').select('name').where('id', '=', slots.text('id')),
);
type Renamed = { id: string; name: string };
const renaming = (db: Executor, slots: Slots<Renamed>) =>
  db
    .updateTable('businesses')
    .set({ name: slots.text('name') })
    .where('id', '=', slots.text('id'));
const rename = prepared<Renamed, never>(renaming);
const renameLast = prepared<Renamed, never>((db, slots) => thenCommit(renaming(db, slots)));

describe('PostgreSQL wire', { skip: admin ? false : 'PostgreSQL only' }, () => {
  let fresh: TestDatabase;
  let database: Database;
  // Another session of its own: it holds locks and changes the schema as another process would.
  let other: pg.Client;
  before(async () => {
    fresh = await freshDatabase('postgres');
    const url = new URL(fresh.url);
    // A lock waited for fails fast, as under a lock_timeout an operator sets.
    url.searchParams.set('options', '-c lock_timeout=200');
    // Two connections: a test can hold one in a transaction and read on the other.
    database = openDatabase(url.toString(), { max: 2 });
    await migrate(database);
    await database.db.insertInto('businesses').values({ id: 'b1', name: 'n', created_at: 'x' }).execute();
    other = new pg.Client({ connectionString: fresh.url });
    await other.connect();
  });
  after(async () => {
    await other.end();
    await database.close();
    await fresh.drop();
  });

  test("a transaction's first statement is undone with it, whatever runs it", async () => {
    const abandoned = new Error('abandon');
    const firsts = [
      (trx: Tx) => rename(trx, { id: 'b1', name: 'named' }),
      (trx: Tx) => trx.updateTable('businesses').set({ name: 'built' }).where('id', '=', 'b1').execute(),
      // Several statements and no values: the simple protocol's kind of text.
      (trx: Tx) => sql`update businesses set name = 'raw' where id = 'b1'; select 1`.execute(trx),
    ];
    for (const first of firsts) {
      await assert.rejects(
        database.transaction(async (trx) => {
          await first(trx);
          throw abandoned;
        }),
        abandoned,
      );
      assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'n' }]);
    }
  });

  test('a transaction commits with its last statement, all of its statements together', async () => {
    const seen: string[] = [];
    await database.transaction(async (trx) => {
      await rename(trx, { id: 'b1', name: 'first' });
      await renameLast(trx, { id: 'b1', name: 'last' });
      // Another session sees the transaction's work before the transaction's function has even returned.
      seen.push((await other.query(`SELECT name FROM businesses WHERE id = 'b1'`)).rows[0].name);
    });
    assert.deepEqual(seen, ['last']);
    // Alone, it is the first statement too: BEGIN, the statement and COMMIT go out together.
    await database.transaction((trx) => renameLast(trx, { id: 'b1', name: 'n' }));
    assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'n' }]);
    // Outside a transaction there is nothing to commit, and the connection serves the next transaction as before.
    await renameLast(database.db, { id: 'b1', name: 'autocommit' });
    await assert.rejects(
      database.transaction(async (trx) => {
        await rename(trx, { id: 'b1', name: 'undone' });
        throw new Error('abandon');
      }),
      /abandon/,
    );
    assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'autocommit' }]);
    await rename(database.db, { id: 'b1', name: 'n' });
  });

  test('a last statement that fails undoes its transaction, and nothing may follow one that succeeded', async () => {
    await other.query('BEGIN');
    await other.query('LOCK TABLE businesses IN ACCESS EXCLUSIVE MODE');
    try {
      await assert.rejects(
        database.transaction(async (trx) => {
          await sql`insert into businesses (id, name, created_at) values ('b2', 'n', 'x')`.execute(trx);
          await renameLast(trx, { id: 'b1', name: 'locked' });
        }),
        /lock timeout/,
      );
    } finally {
      await other.query('ROLLBACK');
    }
    assert.equal((await other.query(`SELECT count(*)::int AS n FROM businesses WHERE id = 'b2'`)).rows[0].n, 0);
    await assert.rejects(
      database.transaction(async (trx) => {
        await renameLast(trx, { id: 'b1', name: 'committed' });
        await rename(trx, { id: 'b1', name: 'too late' });
      }),
      /after its transaction's last one/,
    );
    assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'committed' }]);
    await database.transaction((trx) => rename(trx, { id: 'b1', name: 'n' }));
    assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'n' }]);
  });

  test('a named statement whose first Parse failed with BEGIN is parsed again on its next use', async () => {
    // A statement this database's connections have not parsed yet.
    const renamedTo = prepared<{ id: string; name: string }, { id: string }>((db, slots) =>
      db
        .updateTable('businesses')
        .set({ name: slots.text('name') })
        .where('id', '=', slots.text('id'))
        .returning('id'),
    );
    await other.query('BEGIN');
    await other.query('LOCK TABLE businesses IN ACCESS EXCLUSIVE MODE');
    try {
      await assert.rejects(
        database.transaction((trx) => renamedTo(trx, { id: 'b1', name: 'locked' })),
        /lock timeout/,
      );
    } finally {
      await other.query('ROLLBACK');
    }
    for (let i = 0; i < 2; i++) {
      const renamed = await database.transaction((trx) => renamedTo(trx, { id: 'b1', name: `again ${i}` }));
      assert.deepEqual(renamed, [{ id: 'b1' }]);
    }
    await database.transaction((trx) => rename(trx, { id: 'b1', name: 'n' }));
  });

  test('a connection opened after a column was added reads the columns it was sent', async () => {
    await other.query('CREATE TABLE gadgets (id text PRIMARY KEY, size integer)');
    await other.query(`INSERT INTO gadgets VALUES ('g1', 7)`);
    const gadget = sql<Record<string, unknown>>`select * from gadgets where id = ${'g1'}`;
    const allOf = prepared<{ id: string }, Record<string, unknown>>((db, slots) =>
      db.selectFrom(sql`gadgets`.as('g')).selectAll().where(sql.ref('id'), '=', slots.text('id')),
    );
    // The first connection reads the table as it is.
    assert.deepEqual(await allOf(database.db, { id: 'g1' }), [{ id: 'g1', size: 7 }]);
    await other.query(`ALTER TABLE gadgets ADD COLUMN label text DEFAULT 'new'`);
    // Holding the first connection in a transaction, the read outside it opens the second, which parses anew.
    const outside = await database.transaction(async (trx) => {
      await gadget.execute(trx);
      return allOf(database.db, { id: 'g1' });
    });
    assert.deepEqual(outside, [{ id: 'g1', size: 7, label: 'new' }]);
  });

  test('a row that cannot be decoded fails its read, and the connection serves the next', {
    // Unguarded, the read never ends: the bound says so instead of a hang.
    timeout: 10_000,
  }, async () => {
    const TEXT = pg.types.builtins.TEXT;
    const idsNamed = prepared<{ name: string }, { id: string }>((db, slots) =>
      db.selectFrom('businesses').select('id').where('name', '=', slots.text('name')).where('id', '!=', 'none'),
    );
    pg.types.setTypeParser(TEXT, () => {
      throw new Error('undecodable');
    });
    try {
      await assert.rejects(idsNamed(database.db, { name: 'n' }), /undecodable/);
    } finally {
      pg.types.setTypeParser(TEXT, (raw) => raw);
    }
    assert.deepEqual(await namesOf(database.db, { id: 'b1' }), [{ name: 'n' }]);
  });
});
