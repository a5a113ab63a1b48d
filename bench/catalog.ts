// Export and apply of a 10,000-product catalog, to the local database and to a server over HTTP.
// Run: node --import tsx bench/catalog.ts [--products 10000]   (figures go to bench/RESULTS.md by hand)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { bootstrap } from '../src/accounts/service.ts';
import { filesystemStore } from '../src/blobs/filesystem.ts';
import { applyCatalog, statePathFor } from '../src/catalog/apply.ts';
import { mapLimit } from '../src/catalog/concurrency.ts';
import { exportCatalog } from '../src/catalog/export.ts';
import { loadCatalog } from '../src/catalog/loader.ts';
import { withLocalTarget } from '../src/catalog/local.ts';
import { StateFile } from '../src/catalog/state.ts';
import { httpTarget, type Target } from '../src/catalog/target.ts';
import { migrate, openDatabase } from '../src/db/database.ts';
import { installCleanup, runMain, spawnTracked } from './lib/children.ts';

const { values } = parseArgs({ options: { products: { type: 'string', default: '10000' } } });
const PRODUCTS = Number(values.products);

function catalogOf(count: number): string {
  const products = Array.from({ length: count }, (_, i) => ({
    key: `product-${i}`,
    name: `Product ${i}`,
    tax_category: 'saas',
    metadata: { sku: `SKU-${i}` },
    price:
      i % 2 === 0
        ? { type: 'one_time_price', price: 100 + i, currency: 'USD' }
        : {
            type: 'recurring_price',
            price: 1000 + i,
            currency: 'USD',
            payment_frequency_count: 1,
            payment_frequency_interval: 'Month',
            subscription_period_count: 1,
            subscription_period_interval: 'Year',
          },
  }));
  return YAML.stringify({ version: 1, products });
}

async function timed<T>(label: string, objects: number, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    `| ${label} | ${objects} | ${seconds.toFixed(1)} s | ${Math.round(objects / seconds)} objects/s |\n`,
  );
  return result;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const port = (probe.address() as { port: number }).port;
  probe.close();
  return port;
}

async function checkApplied(target: Target, label: string, file: string): Promise<void> {
  const report = await applyCatalog(loadCatalog(file), target, new StateFile(undefined, target.scope), {
    dryRun: true,
  });
  if (report.plan.changes.length !== 0) throw new Error(`${label}: ${report.plan.changes.length} changes remain`);
}

async function main(): Promise<void> {
  installCleanup();
  const dir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
  const file = join(dir, 'catalog.yaml');
  writeFileSync(file, catalogOf(PRODUCTS));
  process.stdout.write('| step | objects | time | rate |\n|---|---|---|---|\n');
  try {
    // Local: the database of this process, requests answered in process.
    const database = openDatabase(`file:${join(dir, 'local.db')}`, { max: 1 });
    await migrate(database);
    const created = await bootstrap(database);
    const blobs = filesystemStore(join(dir, 'blobs'));
    const setup = { database, blobs, publicUrl: 'http://127.0.0.1:8080' };
    const businessId = created?.business.business_id as string;
    const loaded = loadCatalog(file);
    // The ceiling on this machine at this moment: the same creates straight to the app, no catalog code
    // (in live mode, so the apply below starts from an empty catalog).
    await withLocalTarget(setup, businessId, 'live', async (target) => {
      const body = (i: number) => ({
        name: `Ceiling ${i}`,
        tax_category: 'saas',
        price: { type: 'one_time_price', price: 100, currency: 'USD' },
      });
      const indexes = Array.from({ length: PRODUCTS }, (_, i) => i);
      await timed('ceiling: POST /products alone, in process', PRODUCTS, () =>
        mapLimit(indexes, target.concurrency, (i) => target.client.post('/products', { body: body(i) })),
      );
    });
    await withLocalTarget(setup, businessId, 'test', async (target) => {
      const report = await timed('apply, local', PRODUCTS, () =>
        applyCatalog(loaded, target, new StateFile(statePathFor(file), target.scope)),
      );
      if (report.errors.length > 0 || report.created !== PRODUCTS) throw new Error(JSON.stringify(report.errors[0]));
      await timed('export, local', PRODUCTS, () => exportCatalog(target, join(dir, 'export-local')));
      await checkApplied(target, 'local', file);
    });
    await database.close();

    // HTTP: a server process of its own, as users run it.
    const port = await freePort();
    const server = spawnTracked(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(dir, 'http.db')}`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATA_DIR: join(dir, 'http-data'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const key = /test mode: (\S+)/.exec(output)?.[1] as string;
    const target = httpTarget(url, key);
    const report = await timed('apply, HTTP', PRODUCTS, () =>
      applyCatalog(loaded, target, new StateFile(undefined, target.scope)),
    );
    if (report.errors.length > 0 || report.created !== PRODUCTS) throw new Error(JSON.stringify(report.errors[0]));
    await timed('export (pull), HTTP', PRODUCTS, () => exportCatalog(target, join(dir, 'export-http')));
    await checkApplied(target, 'HTTP', file);
    server.kill('SIGTERM');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runMain(main);
