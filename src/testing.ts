// `pricebook/testing`: Pricebook inside a test process. Its types for users are types/testing.d.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { bootstrap, createApiKey, createBusiness, type IssuedKey } from './accounts/service.ts';
import { buildApp } from './app.ts';
import { filesystemStore } from './blobs/filesystem.ts';
import { type ApplyReport, applyCatalog } from './catalog/apply.ts';
import { describeChangeError } from './catalog/change-errors.ts';
import { loadCatalog } from './catalog/loader.ts';
import { StateFile } from './catalog/state.ts';
import { httpTarget } from './catalog/target.ts';
import type { Scope } from './context.ts';
import { type Database, migrate, openDatabase } from './db/database.ts';
import { FaultRegistry, type FaultRule, type FaultRuleInput } from './devtools/faults.ts';
import { type LoggedRequest, RequestLog } from './devtools/request-log.ts';
import { resetCatalog } from './devtools/reset.ts';
import { listenOnLoopback } from './http/loopback.ts';

export interface StartOptions {
  /** `file:<path>` or `postgres://…`; an in-memory SQLite database, gone at close(), unless given. */
  databaseUrl?: string;
  /** Fastify's logger: `true`, or options such as `{ level: 'debug' }`; silent unless given. */
  logger?: boolean | { level?: string };
}

export interface Pricebook {
  /** Where the server listens: `http://127.0.0.1:<free port>`. */
  url: string;
  businessId: string;
  testKey: string;
  liveKey: string;
  /** Empties the business's test-mode catalog and removes its fault rules. */
  reset(): Promise<void>;
  /** Applies a catalog file (docs/catalog-files.md) to the business's test mode; throws if any change failed. */
  apply(catalogFile: string): Promise<ApplyReport>;
  /** Fault rules for the business's test mode, as `POST /_pricebook/faults` takes them. */
  faults: {
    add(rule: FaultRuleInput): FaultRule;
    list(): FaultRule[];
    remove(id: string): FaultRule | undefined;
    clear(): number;
  };
  /** The business's recent test-mode requests, newest first. */
  requests(limit?: number): LoggedRequest[];
  /** Stops the server and closes the database; nothing is left open or on disk. */
  close(): Promise<void>;
}

/** Starts Pricebook in this process on a free loopback port, with a business and a test and a live key. */
export async function startPricebook(options: StartOptions = {}): Promise<Pricebook> {
  const database = openDatabase(options.databaseUrl ?? ':memory:', { max: 2 });
  // Uploaded files land here; the folder is made by the first upload, if any, and removed at close().
  const blobDir = join(tmpdir(), `pricebook-testing-${randomUUID()}`);
  const blobs = filesystemStore(blobDir);
  const devtools = { faults: new FaultRegistry(), log: new RequestLog() };
  let url = '';
  let app: FastifyInstance | undefined;
  try {
    await migrate(database);
    app = await buildApp({
      database,
      publicUrl: () => url,
      blobs,
      signingSecret: randomBytes(32).toString('hex'),
      logger: options.logger ?? false,
      docs: false,
      dashboard: false,
      devtools,
    });
    url = await listenOnLoopback(app);
    const { businessId, keys } = await businessWithKeys(database);
    const scope: Scope = { businessId, mode: 'test' };
    return {
      url,
      businessId,
      testKey: keys.test,
      liveKey: keys.live,
      async reset() {
        await resetCatalog(database, blobs, scope);
        devtools.faults.clear(scope);
      },
      async apply(catalogFile) {
        const target = httpTarget(url, keys.test);
        // This database is gone at close(): its ids are kept in memory, never in a state file beside the catalog.
        const report = await applyCatalog(loadCatalog(catalogFile), target, new StateFile(undefined, target.scope));
        if (report.errors.length > 0) {
          const lines = report.errors.map(describeChangeError);
          throw new Error([`${catalogFile}: ${lines.length} changes failed`, ...lines].join('\n'));
        }
        return report;
      },
      faults: {
        add: (rule) => devtools.faults.add(scope, rule),
        list: () => devtools.faults.list(scope),
        remove: (id) => devtools.faults.remove(scope, id),
        clear: () => devtools.faults.clear(scope),
      },
      requests: (limit = 50) => devtools.log.list(scope, limit),
      async close() {
        await app?.close();
        await database.close();
        await blobs.close();
        rmSync(blobDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}

/** The default business on an empty database; on one that has some already, a new business of its own. */
async function businessWithKeys(
  database: Database,
): Promise<{ businessId: string; keys: Record<IssuedKey['mode'], string> }> {
  const created = await bootstrap(database);
  if (created) {
    const [test, live] = created.keys;
    return { businessId: created.business.business_id, keys: { test: test!.key, live: live!.key } };
  }
  const business = await createBusiness(database, 'testing');
  const test = await createApiKey(database.db, business.business_id, 'test');
  const live = await createApiKey(database.db, business.business_id, 'live');
  return { businessId: business.business_id, keys: { test: test.key, live: live.key } };
}
