import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import { backgroundCheckpoints } from './checkpoints.ts';
import { CommitOutcomeUnknown, isConnectionLost } from './connection-errors.ts';
import { type Committing, groupCommit } from './group-commit.ts';
import { migrations as postgresMigrations } from './migrations/postgres/index.ts';
import { migrations as sqliteMigrations } from './migrations/sqlite/index.ts';
import { pgStatements } from './pg-statements.ts';
import type { DB } from './schema.ts';
import { attachReader } from './sqlite-reader.ts';
import { attachWriter } from './sqlite-writer.ts';
import { cachingStatements } from './statement-cache.ts';
import { walChanges } from './wal-changes.ts';

export type Dialect = 'sqlite' | 'postgres';

/** What stores run queries on: the database itself or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * An open transaction that knows its dialect. Reads that a transaction relies on take one (see row-locks.ts):
 * they cannot run outside a transaction, and the lock they take never depends on what a caller passes.
 */
export type Tx = Transaction<DB> & {
  readonly dialect: Dialect;
  /**
   * Says which kept pages (http/page-cache.ts) this transaction's writes change, by the keys those pages depend
   * on: once it commits, only those pages are dropped. A transaction that says nothing drops every page.
   */
  changed(...keys: string[]): void;
};

export interface Database {
  readonly dialect: Dialect;
  /** The DATABASE_URL it was opened with: what another connection of this process opens too. */
  readonly url: string;
  readonly db: Kysely<DB>;
  /** Connections of the PostgreSQL pool, for metrics; SQLite has no pool. */
  poolStats?(): PoolStats;
  /**
   * SQLite on a file: a number that differs from the one read before whenever any connection, of this process
   * or another, has committed since (the wal-index header, wal-changes.ts). None on PostgreSQL or in memory.
   */
  readonly dataVersion?: () => number;
  /**
   * Where the number above stays for a commit because its transaction said what it changed (Tx.changed):
   * `listener` gets those keys after the COMMIT, before the transaction's caller is answered. Returns what stops it.
   */
  readonly onChanged?: (listener: (keys: ReadonlySet<string>) => void) => () => void;
  /** Runs `fn` in one transaction: every row it writes lands, or none does. */
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface PoolSettings {
  /** Connections each process keeps to PostgreSQL at most. */
  max: number;
}

export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('file:') || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: or postgres://, got ${url}`);
}

export function openDatabase(url: string, pool: PoolSettings = { max: 10 }): Database {
  const dialect = dialectOf(url);
  const opened = dialect === 'postgres' ? openPostgres(url, pool) : openSqlite(url);
  const { db, closeFirst, poolStats, dataVersion, onChanged, committing } = opened;
  return {
    dialect,
    url,
    db,
    poolStats,
    dataVersion,
    onChanged,
    transaction: dialect === 'postgres' ? postgresTransaction(db) : groupCommit(db, committing ?? (() => {})),
    close: async () => {
      await closeFirst?.();
      await db.destroy();
    },
  };
}

function postgresTransaction(db: Kysely<DB>): Database['transaction'] {
  return async (fn) => {
    let bodyDone = false;
    try {
      return await db.transaction().execute(async (trx) => {
        // Nothing is kept on PostgreSQL (no dataVersion): there is nothing to drop.
        const result = await fn(Object.assign(trx, { dialect: 'postgres' as const, changed: () => {} }));
        bodyDone = true;
        return result;
      });
    } catch (error) {
      // Lost before COMMIT, the transaction rolled back and may be sent again; lost at COMMIT, nobody knows.
      if (bodyDone && isConnectionLost(error)) throw new CommitOutcomeUnknown(error);
      throw error;
    }
  };
}

interface Opened {
  db: Kysely<DB>;
  /** Before the Kysely instance is destroyed. */
  closeFirst?: () => Promise<void>;
  poolStats?: () => PoolStats;
  dataVersion?: () => number;
  onChanged?: Database['onChanged'];
  /** SQLite's: its transactions are grouped (group-commit.ts), and this is told what each group changed. */
  committing?: Committing;
}

function openSqlite(url: string): Opened {
  const path = url === ':memory:' ? ':memory:' : url.slice('file:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets the admin CLI and readers work while the server writes; NORMAL sync is still durable
  // against a process crash (SIGKILL), which is what acknowledged writes must survive.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Set once the change counter and the checkpoints below exist: they need the Kysely instance, which needs these.
  const hooks: DriverHooks = { began: () => {}, committed: () => {}, released: () => {} };
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }, hooks) });
  attachWriter(db, sqlite);
  // A second connection to an in-memory database would open another, empty database; nothing is kept there.
  if (path === ':memory:') return { db };
  const reader = attachReader(db, path);
  const writerDataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const changes = walChanges(path, reader.dataVersion, () => writerDataVersion.get() as number);
  const listeners = new Set<(keys: ReadonlySet<string>) => void>();
  // What the group whose transaction is open changed; undefined for any other transaction, which names nothing.
  let pending: ReadonlySet<string> | undefined;
  hooks.began = () => {
    pending = undefined;
    changes.begin();
  };
  // Run before the writer's connection is released: no statement of this process can commit in between.
  hooks.committed = () => {
    const keys = pending;
    pending = undefined;
    if (keys === undefined) return;
    try {
      if (!changes.committed()) return;
      for (const listener of listeners) listener(keys);
    } catch (error) {
      // The COMMIT has landed and its callers must hear so: kept pages are dropped instead of trusted.
      changes.move();
      process.emitWarning(`every kept page dropped after a commit: ${(error as Error).message}`);
    }
  };
  const checkpoints = backgroundCheckpoints(sqlite, path, () => sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db));
  hooks.released = checkpoints.wrote;
  return {
    db,
    // The writer closes last: the last connection to close checkpoints what is left and removes the WAL.
    closeFirst: async () => {
      await checkpoints.close();
      changes.close();
      reader.close();
    },
    dataVersion: changes.read,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    committing: (keys) => {
      pending = keys;
    },
  };
}

/** What the SQLite driver tells of its connection: a transaction begun or committed, the connection released. */
interface DriverHooks {
  /** Inside the transaction, before its first statement. */
  began(): void;
  /** After COMMIT, before the connection is released. */
  committed(): void;
  /** After each statement or transaction: what wrote to the WAL may call for a checkpoint (checkpoints.ts). */
  released(): void;
}

/**
 * Transactions take SQLite's write lock when they begin (`BEGIN IMMEDIATE`), not at their first write. Another
 * process on the same file (the admin CLI, a second server) then waits for the lock under busy_timeout,
 * instead of failing with SQLITE_BUSY when a read lock cannot be upgraded.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #hooks: DriverHooks;
  constructor(config: SqliteDialectConfig, hooks: DriverHooks) {
    super(config);
    this.#hooks = hooks;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.#hooks.began();
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.#hooks.committed();
  }
  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    this.#hooks.released();
  }
}

/**
 * Kysely runs SQLite migrations outside a transaction, as if SQLite could not roll DDL back; it can. Inside one,
 * which begins IMMEDIATE, processes starting together on an empty file take turns: the next one finds the
 * migrations applied instead of failing on `table … already exists`, and a failed migration leaves nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #hooks: DriverHooks;
  constructor(config: SqliteDialectConfig, hooks: DriverHooks) {
    super(config);
    this.#config = config;
    this.#hooks = hooks;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#hooks);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * pg is loaded only when PostgreSQL is used: on the embedded store it was a twentieth of the CPU a start
 * took, for nothing (bench/RESULTS.md).
 */
export function loadPg(): typeof import('pg') {
  return createRequire(import.meta.url)('pg');
}

function openPostgres(url: string, pool: PoolSettings): Opened {
  // The name shows in pg_stat_activity unless the URL sets application_name.
  const pg = loadPg();
  const statements = pgStatements(pg);
  const connections = new pg.Pool({
    connectionString: url,
    max: pool.max,
    fallback_application_name: 'pricebook',
  });
  // PostgreSQL may close a connection (a restart, a failover, an administrator). The pool drops it and opens another
  // for the next query; unheard, the error event would end the process. The pool hears its idle connections only:
  // one in use gets its own listener, while the query it was running fails and answers 503 (connection-errors.ts).
  connections.on('error', (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`));
  connections.on('connect', (client) => {
    client.on('error', (error) => process.emitWarning(`PostgreSQL closed a connection in use: ${error.message}`));
    statements.tune(client);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: connections }) });
  statements.attachReader(db, connections);
  return {
    db,
    poolStats: () => ({
      total: connections.totalCount,
      idle: connections.idleCount,
      waiting: connections.waitingCount,
    }),
  };
}

export async function migrate(database: Database): Promise<void> {
  const migrations = database.dialect === 'postgres' ? postgresMigrations : sqliteMigrations;
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // The order Kysely lists migrations in (Array.prototype.sort); its default, localeCompare, loads ICU's
    // collator on every start for names that are plain ASCII.
    nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
