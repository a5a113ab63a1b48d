import { setFlagsFromString } from 'node:v8';
import { bootstrap } from './accounts/service.ts';
import { buildApp } from './app.ts';
import { openBlobStore } from './blobs/index.ts';
import { readConfig } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { systemClock } from './lib/clock.ts';

// V8 lets the old generation grow to up to four times what the last full collection kept before it collects
// again: under the bench's load ~22 MB live and up to ~91 MB held. At one and a half times, the resident memory
// after the load fell from 153-191 to 141-145 MiB at the same CPU per request (bench/RESULTS.md). Only in the
// server's own process: pricebook/testing leaves its host's heap alone, and a flag given to node wins.
// V8 reads `_` and `-` in a flag's name alike.
if (!process.execArgv.some((arg) => arg.replaceAll('_', '-').startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=50');
}
const config = readConfig();
const database = openDatabase(config.databaseUrl, { max: config.poolMax });
await migrate(database);
const blobs = await openBlobStore(config, systemClock);
const app = await buildApp({
  database,
  publicUrl: config.publicUrl,
  blobs,
  signingSecret: config.signingSecret,
  logger: { level: config.logLevel },
  rateLimit: config.rateLimit,
  idempotency: config.idempotency,
  metrics: config.metrics,
});

const created = await bootstrap(database);
if (created) {
  // Printed once, on the first start with an empty database: the keys are not stored in clear anywhere.
  const [test, live] = created.keys;
  process.stdout.write(
    [
      '',
      `Created business "default" (${created.business.business_id}) with two API keys. Save them now; they are not shown again.`,
      `  test mode: ${test?.key}`,
      `  live mode: ${live?.key}`,
      'Use them with the official SDK:',
      `  new DodoPayments({ bearerToken: '${test?.key}', baseURL: '${config.publicUrl}' })`,
      '',
    ].join('\n'),
  );
  if (config.seedFile) {
    // Loaded only to seed: the catalog file's validator is compiled when its module loads, a quarter of a start's
    // CPU that a start without a seed file does not need (bench/RESULTS.md).
    const { seedCatalog } = await import('./catalog/seed.ts');
    const seeded = await seedCatalog(
      config.seedFile,
      { database, blobs, publicUrl: config.publicUrl },
      created.business.business_id,
    );
    process.stdout.write(`${seeded.message}\n`);
    if (!seeded.ok) process.exit(1);
  }
}

await app.listen({ port: config.port, host: config.host });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'finishing in-flight requests, then closing the database');
  // close() stops accepting connections and resolves once in-flight requests have been answered.
  await app.close();
  await database.close();
  await blobs.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
