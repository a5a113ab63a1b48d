/**
 * Pricebook's own CPU per request, in-process: the app answers each mix's requests through Fastify's
 * `inject` (no sockets), one at a time, and `process.cpuUsage()` is read around each batch. On a machine
 * other work shares, req/s says more about that work than about Pricebook; CPU time charged to this
 * process alone moves far less, so before/after comparisons of a change are made with it.
 *
 *   node --import tsx bench/inject-cpu.ts [--dir CHECKOUT] [--store sqlite|postgres] [--mixes a,b]
 *                                          [--requests 2000] [--rounds 5]
 *
 * `--dir` measures another checkout's sources (its own src/), so two trees can be compared run by run.
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = resolve(args.dir ?? '.');
  const store = args.store === 'postgres' ? 'postgres' : 'sqlite';
  const mixes = listArg(args, 'mixes', MIX_NAMES);
  const perRound = numberArg(args, 'requests', 2000);
  const rounds = numberArg(args, 'rounds', 5);

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

  async function send(request: BenchRequest): Promise<void> {
    const response = await app.inject({
      method: request.method,
      url: request.path,
      headers: request.body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
      payload: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    if (response.statusCode >= 400)
      throw new Error(`${request.method} ${request.path}: ${response.statusCode} ${response.body}`);
  }

  /** Microseconds of CPU (user + system) per request over one pass of `requests`. */
  async function cpuPerRequest(requests: BenchRequest[]): Promise<number> {
    const before = process.cpuUsage();
    for (const request of requests) await send(request);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / requests.length;
  }

  const rows: string[][] = [];
  const plans: [string, BenchRequest[]][] = [
    [
      '/health (inject itself)',
      Array.from({ length: 2000 }, () => ({ method: 'GET', path: '/health' }) as BenchRequest),
    ],
    ...mixes
      .filter((name) => fixture.collections.length > 0 || !MIXES[name].needsCollections)
      .map((name): [string, BenchRequest[]] => [name, MIXES[name].requests(fixture)]),
  ];
  try {
    for (const [name, cycle] of plans) {
      const batch = Array.from({ length: perRound }, (_, i) => cycle[i % cycle.length] as BenchRequest);
      await cpuPerRequest(batch.slice(0, Math.min(500, batch.length))); // warm-up: JIT, caches
      const samples: number[] = [];
      for (let round = 0; round < rounds; round++) samples.push(await cpuPerRequest(batch));
      rows.push([name, fmt(median(samples)), fmt(Math.min(...samples)), fmt(Math.max(...samples))]);
      process.stderr.write(`${name}: ${samples.map((s) => fmt(s)).join(' ')} µs/request\n`);
    }
    process.stdout.write(
      `${machineLine()}; ${store}; ${dir}; ${rounds} rounds of ${perRound} requests, one at a time\n\n` +
        `${table(['mix', 'CPU µs/request (median):', 'min:', 'max:'], rows)}\n`,
    );
  } finally {
    await app.close();
    await database.close();
    await blobs.close();
    rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

await runMain(main);
