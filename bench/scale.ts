// The scale table: one business with 1,000, 100,000 and 1,000,000 products; GET by id, list page 0, the
// last page, and collection retrieves at each size. See bench/README.md.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runMain } from './lib/children.ts';
import { BIG_COLLECTION, type Generated, generate } from './lib/generate.ts';
import { BENCH_DIR, PRICEBOOK_DIR, requireFile } from './lib/paths.ts';
import { freshPostgres } from './lib/postgres.ts';
import { fmt, machineLine, median, numberArg, parseArgs, table } from './lib/report.ts';
import { freePort, type RunningServer, settle, startServer } from './lib/server.ts';
import { type BenchRequest, type LoadResult, requireWrk, runWrk } from './lib/wrk.ts';

interface Query {
  name: string;
  requests: (g: Generated, size: number) => BenchRequest[];
}

const PAGE = 100;

const QUERIES: Query[] = [
  {
    name: 'GET product by id',
    requests: (g) => g.sampleProductIds.map((id) => ({ method: 'GET', path: `/products/${id}` })),
  },
  {
    name: 'list, page 0 (100 items)',
    requests: () => [{ method: 'GET', path: `/products?page_size=${PAGE}&page_number=0` }],
  },
  {
    name: 'list, last page (100 items)',
    requests: (_, size) => [
      { method: 'GET', path: `/products?page_size=${PAGE}&page_number=${Math.max(0, Math.ceil(size / PAGE) - 1)}` },
    ],
  },
  {
    name: `collection of ${BIG_COLLECTION.groups * BIG_COLLECTION.itemsPerGroup} items`,
    requests: (g) => [{ method: 'GET', path: `/product-collections/${g.bigCollectionId}` }],
  },
  {
    name: 'collection of 10 items',
    requests: (g) =>
      g.smallCollectionId ? [{ method: 'GET', path: `/product-collections/${g.smallCollectionId}` }] : [],
  },
];

interface Row {
  size: number;
  query: string;
  /** 32 connections: throughput and latency under load. */
  loaded: LoadResult;
  /** One connection: what a single request costs when nothing else runs. */
  alone: LoadResult;
}

interface SizeInfo {
  size: number;
  seedSeconds: number;
  databaseMb: number | undefined;
  startupMs: number;
  collections: number;
}

async function measureSize(
  size: number,
  store: 'sqlite' | 'postgres',
  durationS: number,
): Promise<{ rows: Row[]; info: SizeInfo }> {
  const dir = mkdtempSync(join(tmpdir(), 'pricebook-scale-'));
  const pg = store === 'postgres' ? await freshPostgres(`scale${size}`) : undefined;
  let server: RunningServer | undefined;
  try {
    const databaseUrl = pg?.url ?? `file:${join(dir, 'pricebook.db')}`;
    const seeded = performance.now();
    const generated = await generate(databaseUrl, size);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const headers = { Authorization: `Bearer ${generated.key}` };
    const port = await freePort();
    server = await startServer({
      command: process.execPath,
      args: [requireFile(join(PRICEBOOK_DIR, 'dist/main.js'), 'run `npm run build` first')],
      cwd: PRICEBOOK_DIR,
      env: { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dir },
      port,
      probe: { path: `/products/${generated.sampleProductIds[0]}`, headers },
    });
    const rows: Row[] = [];
    for (const query of QUERIES) {
      const requests = query.requests(generated, size);
      if (requests.length === 0) continue;
      const settings = { threads: 2, connections: 32, durationS };
      const probe = { path: requests[0]!.path, headers };
      await runWrk(server.url, requests, headers, { ...settings, durationS: 1 });
      await settle(port, probe);
      const loaded = await runWrk(server.url, requests, headers, settings);
      await settle(port, probe);
      const alone = await runWrk(server.url, requests, headers, { threads: 1, connections: 1, durationS });
      rows.push({ size, query: query.name, loaded, alone });
      process.stderr.write(
        `${fmt(size).padStart(9)} ${query.name.padEnd(30)} ${fmt(loaded.rps).padStart(7)} req/s  p99 ${fmt(loaded.p99Ms, 2)} ms  alone p50 ${fmt(alone.p50Ms, 2)} ms\n`,
      );
    }
    const databaseMb = pg ? undefined : statSync(join(dir, 'pricebook.db')).size / 2 ** 20;
    return {
      rows,
      info: { size, seedSeconds, databaseMb, startupMs: server.startupMs, collections: generated.collections },
    };
  } finally {
    await server?.stop();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(machine: string, store: string, durationS: number, rows: Row[], infos: SizeInfo[]): string {
  const sizes = infos.map((i) => i.size);
  const smallest = sizes[0];
  const parts = [
    `${machine}; ${store}; wrk -t2 -c32 -d${durationS}s (under load) and -t1 -c1 (alone) per cell.`,
    table(
      ['products', 'collections:', 'seeded in s:', 'database MiB:', 'start to first answer ms:'],
      infos.map((i) => [
        fmt(i.size),
        fmt(i.collections),
        fmt(i.seedSeconds, 1),
        i.databaseMb === undefined ? '–' : fmt(i.databaseMb),
        fmt(i.startupMs),
      ]),
    ),
  ];
  for (const query of QUERIES) {
    const mine = rows.filter((r) => r.query === query.name);
    if (mine.length === 0) continue;
    const base = mine.find((r) => r.size === smallest);
    parts.push(`### ${query.name}`);
    parts.push(
      table(
        [
          'products',
          'req/s (32 conn.):',
          'p50 ms:',
          'p99 ms:',
          'errors:',
          'alone p50 ms:',
          'alone p99 ms:',
          `slower than at ${fmt(smallest ?? 0)}:`,
        ],
        mine.map((r) => [
          fmt(r.size),
          fmt(r.loaded.rps),
          fmt(r.loaded.p50Ms, 2),
          fmt(r.loaded.p99Ms, 2),
          // wrk gives up on a request after 5 s: a query slower than 5 s / 32 piles up past that.
          fmt(r.loaded.errors + r.alone.errors),
          fmt(r.alone.p50Ms, 2),
          fmt(r.alone.p99Ms, 2),
          base ? `${fmt(base.loaded.rps / r.loaded.rps, 2)}×` : '–',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = (args.sizes ?? '1000,100000,1000000').split(',').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1000)) throw new Error('--sizes takes integers of 1000 or more');
  const store = args.store === 'postgres' ? 'postgres' : 'sqlite';
  const durationS = numberArg(args, 'duration', 5);
  const out = args.out ?? join(BENCH_DIR, `results/scale-${store}.json`);
  requireWrk();
  const machine = machineLine();
  process.stderr.write(`${machine}\n`);
  const rows: Row[] = [];
  const infos: SizeInfo[] = [];
  for (const size of sizes) {
    const measured = await measureSize(size, store, durationS);
    rows.push(...measured.rows);
    infos.push(measured.info);
  }
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ machine, store, durationS, infos, rows }, null, 2)}\n`);
  process.stdout.write(`${render(machine, store, durationS, rows, infos)}\n`);
  process.stderr.write(
    `raw figures: ${out}; median seed rate ${fmt(median(infos.map((i) => i.size / i.seedSeconds)))} products/s\n`,
  );
}

await runMain(main);
