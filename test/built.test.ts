import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import DodoPayments from 'dodopayments';
import { freshDatabase, freshSqliteFile, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct, recurringProduct } from './support/factories.ts';
import { BUILT, bootstrapKey, runCliOf, type ServerProcess, startServerProcess } from './support/process.ts';
import { walSequence } from './support/wal.ts';

// The rest of the suite runs the sources through tsx; users run the bundle `npm run build` makes. This
// checks that the bundle carries what only runs at run time: the migrations, request validation and its
// formats, response serialization, the SQLite driver and the CLI behind the `pricebook` bin.
describe('the built server and CLI (npm start, the pricebook bin)', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let client: DodoPayments;
  before(async () => {
    for (const script of ['scripts/build.js', 'scripts/build-dashboard.js']) {
      await promisify(execFile)(process.execPath, [script], { cwd: fileURLToPath(new URL('../', import.meta.url)) });
    }
    db = await freshDatabase();
    server = await startServerProcess(db.url, {}, BUILT);
    client = new DodoPayments({ bearerToken: bootstrapKey(server.output()), baseURL: server.url, maxRetries: 0 });
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  test('the bundled server finds and serves the dashboard built beside it', async () => {
    const page = await fetch(`${server.url}/dashboard/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Pricebook dashboard<\/title>/);
  });

  test('products are created, read back, listed and refused as by the sources', async () => {
    const created = await client.products.create(recurringProduct({ metadata: { plan: 'pro' } }));
    const read = await client.products.retrieve(created.product_id);
    assert.deepEqual(read, created);
    assert.equal(read.metadata.plan, 'pro');
    const page = await client.products.list({ page_size: 10 });
    assert.deepEqual(
      page.items.map((p) => p.product_id),
      [created.product_id],
    );
    await assert.rejects(
      client.products.create(oneTimeProduct({ price: { ...oneTimeProduct().price, currency: 'XXX' } as never })),
      (error: unknown) => error instanceof DodoPayments.UnprocessableEntityError,
    );
  });

  test('the bundled server checkpoints its SQLite WAL on its worker thread', async () => {
    const file = freshSqliteFile();
    const { path } = file;
    const warnings = join(dirname(path), 'warnings.txt');
    const embedded = await startServerProcess(file.url, { NODE_OPTIONS: `--redirect-warnings=${warnings}` }, BUILT);
    try {
      const writer = new DodoPayments({ bearerToken: bootstrapKey(embedded.output()), baseURL: embedded.url });
      const { product_id } = await writer.products.create(oneTimeProduct());
      // Writes until the WAL has started over, which takes a checkpoint (about 1,000 pages): the worker's, unless
      // it failed to start and the server fell back to checkpointing in its commits, with a warning.
      const sequence = walSequence(path);
      let revision = 0;
      const deadline = Date.now() + 60_000;
      const patch = async () => {
        while (walSequence(path) === sequence && Date.now() < deadline) {
          const description = `${revision++}`.padEnd(1000, '.');
          await writer.products.update(product_id, { description });
        }
      };
      await Promise.all(Array.from({ length: 8 }, patch));
      assert.ok(Date.now() < deadline, 'the WAL never started over');
      await embedded.stop();
      assert.equal(existsSync(warnings) ? readFileSync(warnings, 'utf8') : '', '');
    } finally {
      await embedded.stop();
      await file.drop();
    }
  });

  test('the pricebook bin issues a key that the running server accepts at once, in its own mode', async () => {
    const { businesses } = (await runCliOf(BUILT, db.url, 'businesses', 'list')) as {
      businesses: { business_id: string }[];
    };
    const issued = await runCliOf(
      BUILT,
      db.url,
      'keys',
      'create',
      '--business',
      String(businesses[0]?.business_id),
      '--mode',
      'live',
    );
    const other = new DodoPayments({ bearerToken: String(issued.key), baseURL: server.url, maxRetries: 0 });
    assert.deepEqual((await other.products.list()).items, []);
  });
});
