import type { Kysely } from 'kysely';
import type { Tx } from './database.ts';
import type { DB } from './schema.ts';
import { writerOf } from './sqlite-writer.ts';

/** So that the first transaction of a group waits for the others a bounded time. */
const MOST_PER_COMMIT = 64;

interface Waiting {
  fn: (trx: Tx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * SQLite runs one write transaction at a time, and its BEGIN and COMMIT took more time than the statements of a
 * typical write between them (bench/RESULTS.md). Transactions asked for in the same turn of the event loop
 * therefore share one: each runs in a savepoint of its own, in the order they were asked for, so that one that
 * fails rolls back alone; each is answered only once the COMMIT that holds it is done. A fault that ends the
 * whole transaction (a full disk, an I/O error) fails every transaction of the group that has not failed alone.
 */
export function groupCommit(db: Kysely<DB>): <T>(fn: (trx: Tx) => Promise<T>) => Promise<T> {
  const waiting: Waiting[] = [];
  let scheduled = false;

  const commitGroup = async () => {
    const group = waiting.splice(0, MOST_PER_COMMIT);
    const settled = new Set<Waiting>();
    const results = new Map<Waiting, unknown>();
    // What ended the whole transaction, when a member's failure did: Kysely's ROLLBACK after it fails too, and
    // would hide it.
    let ended: unknown;
    try {
      await db.transaction().execute(async (trx) => {
        const tx = Object.assign(trx, { dialect: 'sqlite' as const });
        // A transaction on SQLite always has the writer: database.ts attaches it before any transaction begins.
        const run = writerOf(trx) as NonNullable<ReturnType<typeof writerOf>>;
        for (const member of group) {
          run('savepoint member', []);
          try {
            const result = await member.fn(tx);
            run('release member', []);
            results.set(member, result);
          } catch (error) {
            settled.add(member);
            member.reject(error);
            try {
              run('rollback to member', []);
            } catch {
              // SQLite rolled the whole transaction back: the member's error fails the rest of the group.
              ended = error;
              throw error;
            }
            run('release member', []);
          }
        }
      });
    } catch (error) {
      for (const member of group) if (!settled.has(member)) member.reject(ended ?? error);
      return;
    } finally {
      scheduled = false;
      if (waiting.length > 0) schedule();
    }
    for (const [member, result] of results) member.resolve(result);
  };

  const schedule = () => {
    scheduled = true;
    setImmediate(commitGroup);
  };

  return <T>(fn: (trx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) schedule();
    });
}
