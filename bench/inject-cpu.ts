/**
 * Pricebook's own CPU per request, in-process: the app answers each mix's requests through Fastify's
 * `inject` (no sockets), one at a time, and `process.cpuUsage()` is read around each batch. On a machine
 * other work shares, req/s says more about that work than about Pricebook; CPU time charged to this
 * process alone moves far less, so before/after comparisons of a change are made with it.
 *
 *   node --import tsx bench/inject-cpu.ts [--dir CHECKOUT] [--against OTHER] [--store sqlite|postgres]
 *                                          [--mixes a,b] [--requests 2000] [--rounds 5]
 *
 * `--dir` measures another checkout's sources (its own src/). `--against` loads a second checkout's app into the
 * same process and the two take turns round by round: on a busy machine that compares a change far better than
 * two runs one after the other, whose figures follow whatever else the machine was doing at the time.
 * Every figure includes inject's own cost, the same for every tree: the `/health` row shows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runMain } from './lib/children.ts';
import { MIX_NAMES, MIXES } from './lib/mixes.ts';
import { freshPostgres } from './lib/postgres.ts';
import { fmt, listArg, machineLine, median, numberArg, parseArgs, table } from './lib/report.ts';
import { seedOverHttp } from './lib/seed-http.ts';
import type { BenchRequest } from './lib/wrk.ts';

interface Tree {
  dir: string;
  send(request: BenchRequest): Promise<void>;
  fixture: Awaited<ReturnType<typeof seedOverHttp>>;
  close(): Promise<void>;
}

/** One checkout's app on a fresh database of its own, seeded through its API. */
async function startTree(dir: string, store: 'sqlite' | 'postgres'): Promise<Tree> {
  const load = (path: string) => import(pathToFileURL(join(dir, 'src', path)).href);
  const { buildApp } = await load('app.ts');
  const { migrate, openDatabase } = await load('db/database.ts');
  const { bootstrap } = await load('accounts/service.ts');
  const { filesystemStore } = await load('blobs/filesystem.ts');

  const dataDir = mkdtempSync(join(tmpdir(), 'pricebook-inject-'));
  const pgDb = store === 'postgres' ? await freshPostgres('inject') : undefined;
  const database = openDatabase(pgDb?.url ?? `file:${join(dataDir, 'pricebook.db')}`);
  await migrate(database);
  const blobs = await filesystemStore(join(dataDir, 'blobs'));
  let url = '';
  const app = await buildApp({ database, publicUrl: () => url, blobs, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${app.server.address().port}`;
  const created = await bootstrap(database);
  const key: string = created.keys[0].key;
  const fixture = await seedOverHttp(url, key, store);
  const authorization = `Bearer ${key}`;

  return {
    dir,
    fixture,
    send: async (request) => {
      const response = await app.inject({
        method: request.method,
        url: request.path,
        headers: request.body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
        payload: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      if (response.statusCode >= 400)
        throw new Error(`${request.method} ${request.path}: ${response.statusCode} ${response.body}`);
      // inject answers through promises alone when SQLite reads synchronously, so the event loop never turned, and
      // each response's setImmediate callback (with its request, response and mock socket) waited in the queue:
      // 10 KB a request, until the heap ran out. Letting the loop turn runs them, and counts their CPU here.
      await new Promise((resolve) => setImmediate(resolve));
    },
    close: async () => {
      await app.close();
      await database.close();
      await blobs.close();
      rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dirs = [resolve(args.dir ?? '.'), ...(args.against === undefined ? [] : [resolve(args.against)])];
  const store = args.store === 'postgres' ? 'postgres' : 'sqlite';
  const mixes = listArg(args, 'mixes', MIX_NAMES);
  const perRound = numberArg(args, 'requests', 2000);
  const rounds = numberArg(args, 'rounds', 5);

  const trees: Tree[] = [];
  try {
    for (const dir of dirs) trees.push(await startTree(dir, store));
    // The first tree's ids; every tree was seeded alike, so a mix built from them has the same shape for each.
    const fixture = trees[0]?.fixture;
    if (fixture === undefined) throw new Error('no tree to measure');

    /** Microseconds of CPU (user + system) per request over one pass of `requests`. */
    const cpuPerRequest = async (tree: Tree, requests: BenchRequest[]): Promise<number> => {
      const before = process.cpuUsage();
      for (const request of requests) await tree.send(request);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / requests.length;
    };

    const rows: string[][] = [];
    const plans: [string, (tree: Tree) => BenchRequest[]][] = [
      [
        '/health (inject itself)',
        () => Array.from({ length: 2000 }, () => ({ method: 'GET', path: '/health' }) as BenchRequest),
      ],
      ...mixes
        .filter((name) => fixture.collections.length > 0 || !MIXES[name].needsCollections)
        .map((name): [string, (tree: Tree) => BenchRequest[]] => [name, (tree) => MIXES[name].requests(tree.fixture)]),
    ];
    for (const [name, plan] of plans) {
      const batches = trees.map((tree) => {
        const cycle = plan(tree);
        return Array.from({ length: perRound }, (_, i) => cycle[i % cycle.length] as BenchRequest);
      });
      // warm-up: JIT, caches
      for (const [i, tree] of trees.entries()) await cpuPerRequest(tree, (batches[i] ?? []).slice(0, 500));
      const samples: number[][] = trees.map(() => []);
      // With --against, the trees take turns round by round, so both see the same moments of a busy machine.
      for (let round = 0; round < rounds; round++) {
        for (const [i, tree] of trees.entries()) samples[i]?.push(await cpuPerRequest(tree, batches[i] ?? []));
      }
      for (const [i, tree] of trees.entries()) {
        const own = samples[i] ?? [];
        rows.push([name, tree.dir, fmt(median(own)), fmt(Math.min(...own)), fmt(Math.max(...own))]);
        process.stderr.write(`${name} ${tree.dir}: ${own.map((s) => fmt(s)).join(' ')} µs/request\n`);
      }
    }
    process.stdout.write(
      `${machineLine()}; ${store}; ${rounds} rounds of ${perRound} requests, one at a time\n\n` +
        `${table(['mix', 'tree', 'CPU µs/request (median):', 'min:', 'max:'], rows)}\n`,
    );
  } finally {
    for (const tree of trees) await tree.close();
  }
}

await runMain(main);
