import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Fixture, syntheticFixture } from './fixture.ts';
import { BENCH_DIR, PRICEBOOK_DIR, requireFile, SPEC_PATH } from './paths.ts';
import { freshPostgres } from './postgres.ts';
import { seedOverHttp, servesCollections } from './seed-http.ts';
import { freePort, type RunningServer, startServer } from './server.ts';

export const TARGET_NAMES = ['sqlite', 'postgres', 'baseline', 'steady', 'prism', 'node-http', 'fastify'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
/** `baseline` is another build of Pricebook on the embedded store, run only when a checkout is named for it. */
export const DEFAULT_TARGETS = TARGET_NAMES.filter((name) => name !== 'baseline');

export interface TargetOptions {
  cpuProfileDir?: string;
  /** Flags for the node that runs Pricebook, before its script (bench/maps.ts passes V8's `--log-maps`). */
  nodeArgs?: string[];
  /** A checkout with its own `dist/`, measured as the `baseline` target to show a change's effect. */
  baselineDir?: string;
}

export const isPricebook = (name: TargetName) => name === 'sqlite' || name === 'postgres' || name === 'baseline';

export interface Target {
  readonly name: TargetName;
  /** Ceilings answer one fixed product to everything, so they run the GET mix only. */
  readonly ceiling: boolean;
  /** Once, before the first round; Pricebook targets say whether they serve collections. */
  prepare(collections: boolean): Promise<{ fixture: Fixture; collections: boolean }>;
  /** A measured start: spawn to the first 200 on a real request. */
  start(): Promise<RunningServer>;
  dispose(): Promise<void>;
}

const TSX = ['--import', 'tsx'];

function pricebook(name: TargetName, checkout: string, options: TargetOptions): Target {
  let databaseUrl = '';
  let dispose: () => Promise<void> = async () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `pricebook-bench-${name}-`));
  let fixture: Fixture | undefined;
  const main = requireFile(join(checkout, 'dist/main.js'), `run \`npm run build\` in ${checkout} first`);
  const launch = async (probe: { path: string; headers?: Record<string, string> }) => {
    const port = await freePort();
    const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    return startServer({
      command: process.execPath,
      args: [...profile, ...(options.nodeArgs ?? []), main],
      cwd: checkout,
      env: { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
      port,
      probe,
    });
  };
  return {
    name,
    ceiling: false,
    async prepare() {
      if (name === 'postgres') {
        const db = await freshPostgres('load');
        databaseUrl = db.url;
        dispose = db.drop;
      } else {
        databaseUrl = `file:${join(dataDir, 'pricebook.db')}`;
      }
      const first = await launch({ path: '/health' });
      try {
        const key = /test mode: (pb_test_\w+)/.exec(first.output())?.[1];
        if (!key) throw new Error(`no test key in the first start's output:\n${first.output()}`);
        fixture = await seedOverHttp(first.url, key, name);
        return { fixture, collections: await servesCollections(first.url, key) };
      } finally {
        await first.stop();
      }
    },
    start() {
      if (!fixture) throw new Error('prepare() first');
      return launch({ path: `/products/${fixture.productIds[0]}`, headers: fixture.headers });
    },
    async dispose() {
      await dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function steadyBinary(): string {
  const dir = join(BENCH_DIR, 'node_modules/@stdy', `cli-${process.platform}-${process.arch}`, 'bin/steady');
  return requireFile(dir, 'run `npm install --prefix bench` first');
}

/** A server that stores nothing: it is prepared with ids of the right shape and started as its users do. */
function stateless(
  name: TargetName,
  ceiling: boolean,
  command: (port: number) => { command: string; args: string[]; keepOutput?: boolean },
): Target {
  let fixture: Fixture | undefined;
  return {
    name,
    ceiling,
    async prepare(collections) {
      fixture = syntheticFixture(collections);
      return { fixture, collections };
    },
    async start() {
      if (!fixture) throw new Error('prepare() first');
      const port = await freePort();
      return startServer({
        ...command(port),
        cwd: BENCH_DIR,
        env: { PORT: String(port), NO_COLOR: '1' },
        port,
        probe: { path: `/products/${fixture.productIds[0]}`, headers: fixture.headers },
      });
    },
    async dispose() {},
  };
}

export function makeTarget(name: TargetName, options: TargetOptions = {}): Target {
  switch (name) {
    case 'sqlite':
    case 'postgres':
      return pricebook(name, PRICEBOOK_DIR, options);
    case 'baseline':
      if (!options.baselineDir) throw new Error('the baseline target needs --baseline DIR');
      return pricebook(name, options.baselineDir, options);
    case 'steady':
      return stateless(name, false, (port) => ({
        command: steadyBinary(),
        args: ['-q', '--host', '127.0.0.1', '-p', String(port), SPEC_PATH],
      }));
    case 'prism':
      // Prism logs every request at its default level; its output goes nowhere rather than into memory.
      return stateless(name, false, (port) => ({
        command: process.execPath,
        args: [
          requireFile(
            join(BENCH_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js'),
            'run `npm install --prefix bench` first',
          ),
          'mock',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          SPEC_PATH,
        ],
        keepOutput: false,
      }));
    case 'node-http':
      return stateless(name, true, () => ({ command: process.execPath, args: [...TSX, 'servers/node-http.ts'] }));
    case 'fastify':
      return stateless(name, true, () => ({ command: process.execPath, args: [...TSX, 'servers/fastify.ts'] }));
  }
}
