import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';
import { type ServerProcess, startServerProcess } from '../support/process.ts';
import { counts, EXAMPLE_COUNTS, exampleCopy } from './helpers.ts';

/** Runs `pricebook …`; resolves with its exit code and what it printed. */
async function pricebook(databaseUrl: string, ...args: string[]) {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return run.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

const namedOnly = (held: Awaited<ReturnType<typeof counts>>) => ({
  ...held,
  brands: held.brands.filter((b) => b !== 'default'),
});

describe('catalog commands against a running server seeded with PRICEBOOK_SEED', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let testKey: string;
  let liveKey: string;
  let businessId: string;
  const client = (key: string) => new DodoPayments({ bearerToken: key, baseURL: server.url, maxRetries: 0 });

  before(async () => {
    db = await freshDatabase();
    server = await startServerProcess(db.url, { PRICEBOOK_SEED: exampleCopy() });
    testKey = /test mode: (\S+)/.exec(server.output())?.[1] as string;
    liveKey = /live mode: (\S+)/.exec(server.output())?.[1] as string;
    businessId = /business "default" \((\S+)\)/.exec(server.output())?.[1] as string;
  });
  after(async () => {
    await server.stop();
    await db.drop();
  });

  test('the first start applies the seed file to the test mode of the default business', async () => {
    assert.match(server.output(), /Seeded test mode from .*catalog\.yaml: 11 objects created\./);
    assert.deepEqual(namedOnly(await counts(client(testKey))), EXAMPLE_COUNTS);
    assert.deepEqual(namedOnly(await counts(client(liveKey))).products, []);
  });

  test('plan of the seed file against the seeded server over HTTP finds nothing to do', async () => {
    const file = exampleCopy();
    const { code, stdout } = await pricebook(db.url, 'plan', file, '--to', server.url, '--key', testKey);
    assert.equal(code, 0, stdout);
    assert.equal(stdout.trim(), 'No changes: the target matches the file.');
  });

  test('export of the local database and pull over HTTP write the same file', async () => {
    const local = join(mkdtempSync(join(tmpdir(), 'export-')), 'catalog.yaml');
    const pulled = join(mkdtempSync(join(tmpdir(), 'pull-')), 'catalog.yaml');
    const exported = await pricebook(
      db.url,
      'export',
      '--business',
      businessId,
      '--mode',
      'test',
      '--out',
      local,
      '--json',
    );
    assert.equal(exported.code, 0, exported.stdout + exported.stderr);
    assert.equal(JSON.parse(exported.stdout).counts.products, 4);
    const pull = await pricebook(db.url, 'pull', '--from', server.url, '--key', testKey, '--out', pulled);
    assert.equal(pull.code, 0, pull.stdout + pull.stderr);
    assert.match(pull.stdout, /Wrote .*catalog\.yaml\n\s+brands\s+2/);
    assert.equal(readFileSync(local, 'utf8'), readFileSync(pulled, 'utf8'));
  });

  test('promotion: pull with the test key, apply with the live key; live needs --yes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'promote-')), 'catalog.yaml');
    assert.equal((await pricebook(db.url, 'pull', '--from', server.url, '--key', testKey, '--out', file)).code, 0);

    const refused = await pricebook(db.url, 'apply', file, '--to', server.url, '--key', liveKey);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /live-mode target needs confirmation, or --yes/);
    assert.deepEqual(namedOnly(await counts(client(liveKey))).products, []);

    const applied = await pricebook(db.url, 'apply', file, '--to', server.url, '--key', liveKey, '--yes', '--json');
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.deepEqual(JSON.parse(applied.stdout).errors, []);
    assert.deepEqual(namedOnly(await counts(client(liveKey))), EXAMPLE_COUNTS);

    const live = join(mkdtempSync(join(tmpdir(), 'live-')), 'catalog.yaml');
    assert.equal((await pricebook(db.url, 'pull', '--from', server.url, '--key', liveKey, '--out', live)).code, 0);
    assert.equal(readFileSync(live, 'utf8'), readFileSync(file, 'utf8'));
  });
});
