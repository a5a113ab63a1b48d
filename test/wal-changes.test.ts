import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { walChanges } from '../src/db/wal-changes.ts';
import { freshSqliteFile } from './support/databases.ts';

// The change counter that kept pages rest on, over real connections to one file: `writer` stands for this
// process's writer, `other` for another process (or the CLI) on the same database.
describe('the change counter of a SQLite file', () => {
  const file = freshSqliteFile();
  const writer = new SQLite(file.path);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE t (n INTEGER)');
  const other = new SQLite(file.path);
  const writerDataVersion = writer.prepare('PRAGMA data_version').pluck();
  const changes = walChanges(
    file.path,
    () => 0,
    () => writerDataVersion.get() as number,
  );
  after(async () => {
    changes.close();
    other.close();
    writer.close();
    await file.drop();
  });

  /** One write transaction of the writer, told to `changes` as group commits do. */
  const announced = () => {
    writer.exec('BEGIN IMMEDIATE');
    changes.begin();
    writer.exec('INSERT INTO t VALUES (1)');
    writer.exec('COMMIT');
  };

  let before = 0;
  beforeEach(() => {
    before = changes.read();
  });

  test('a commit of the writer that it announced alone leaves the number where it was', () => {
    announced();
    assert.equal(changes.committed(), true);
    assert.equal(changes.read(), before);
  });

  test('any other commit moves it', () => {
    other.exec('INSERT INTO t VALUES (2)');
    assert.notEqual(changes.read(), before);
  });

  test('a commit of another connection between the COMMIT and the check moves it', () => {
    announced();
    other.exec('INSERT INTO t VALUES (2)');
    assert.equal(changes.committed(), false);
    assert.notEqual(changes.read(), before);
  });

  test('a commit of the writer that was not announced, unseen before an announced one, moves it', () => {
    writer.exec('INSERT INTO t VALUES (3)');
    announced();
    assert.equal(changes.committed(), false);
    assert.notEqual(changes.read(), before);
  });
});
