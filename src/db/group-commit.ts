// Not the global one: test suites that run Pricebook in-process fake the global setImmediate (Vitest's and Jest's
// fake timers do by default), which would hold every write until the test advanced its clock.
import { setImmediate } from 'node:timers';
import type { Kysely } from 'kysely';
import type { Tx } from './database.ts';
import type { DB } from './schema.ts';
import { writerOf } from './sqlite-writer.ts';

/**
 * Told at the end of a group's transaction, before its COMMIT, what its members changed: the keys they named
 * (Tx.changed), or undefined when one of them that committed named none.
 */
export type Committing = (keys: ReadonlySet<string> | undefined) => void;

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
 * fails rolls back alone. Each is answered, with its result or its error, only once the COMMIT is done: a member
 * may have read what an earlier member wrote, so until then neither its success nor its failure is settled. A
 * fault that ends the whole transaction (a full disk, an I/O error) fails every member with that fault.
 */
export function groupCommit(db: Kysely<DB>, committing: Committing): <T>(fn: (trx: Tx) => Promise<T>) => Promise<T> {
  const waiting: Waiting[] = [];
  let scheduled = false;

  const commitGroup = async () => {
    const group = waiting.splice(0, MOST_PER_COMMIT);
    const outcomes: (() => void)[] = [];
    // What ended the whole transaction, when a member's failure did: Kysely's ROLLBACK after it fails too, and
    // would hide it.
    let ended: unknown;
    // What the members changed; undefined once one that committed did not say. Keys named by a member that then
    // rolled back stay: they only drop pages that were not changed.
    let changed: Set<string> | undefined = new Set<string>();
    // Whether the member running now has said what it changes; members run one after another.
    let said = false;
    try {
      await db.transaction().execute(async (trx) => {
        const tx = Object.assign(trx, {
          dialect: 'sqlite' as const,
          changed: (...keys: string[]) => {
            said = true;
            for (const key of keys) changed?.add(key);
          },
        });
        // A transaction on SQLite always has the writer: database.ts attaches it before any transaction begins.
        const run = writerOf(trx) as NonNullable<ReturnType<typeof writerOf>>;
        for (const member of group) {
          run('savepoint member', []);
          said = false;
          try {
            const result = await member.fn(tx);
            run('release member', []);
            if (!said) changed = undefined;
            outcomes.push(() => member.resolve(result));
          } catch (error) {
            try {
              run('rollback to member', []);
            } catch {
              // SQLite rolled the whole transaction back.
              ended = error;
              throw error;
            }
            run('release member', []);
            outcomes.push(() => member.reject(error));
          }
        }
        committing(changed);
      });
    } catch (error) {
      for (const member of group) member.reject(ended ?? error);
      return;
    } finally {
      scheduled = false;
      if (waiting.length > 0) schedule();
    }
    for (const answer of outcomes) answer();
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
