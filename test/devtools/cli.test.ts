import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';
import { oneTimeProduct } from '../support/factories.ts';
import { bootstrapKey, runCli, type ServerProcess, SOURCES, startServerProcess } from '../support/process.ts';

describe('pricebook serve, reset and requests', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let key: string;
  let client: DodoPayments;
  before(async () => {
    db = await freshDatabase();
    // `pricebook serve`: the server as `npm start` runs it, from the same environment.
    server = await startServerProcess(db.url, {}, { ...SOURCES, server: [...SOURCES.cli, 'serve'] });
    key = bootstrapKey(server.output());
    client = new DodoPayments({ bearerToken: key, baseURL: server.url, maxRetries: 0 });
  });
  after(async () => {
    await server?.stop();
    await db?.drop();
  });

  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [...SOURCES.cli, ...args], { env: { ...process.env, DATABASE_URL: db.url } });

  test('reset --business ID --mode test empties the test-mode catalog of the running server', async () => {
    const created = await client.products.create(oneTimeProduct());
    const result = await runCli(db.url, 'reset', '--business', created.business_id, '--mode', 'test');
    assert.deepEqual(result, { business_id: created.business_id, mode: 'test' });
    assert.deepEqual((await client.products.list()).items, []);
  });

  test('reset refuses live mode, or no mode, with a usage error, and deletes nothing', async () => {
    const created = await client.products.create(oneTimeProduct());
    for (const mode of [['--mode', 'live'], []]) {
      const failed = await cli('reset', '--business', created.business_id, ...mode).then(
        () => assert.fail('reset succeeded'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 2);
      assert.match(failed.stderr, /--mode test is required/);
    }
    assert.equal((await client.products.list()).items.length, 1);
  });

  test('requests --url --key prints the recent requests, oldest first, one JSON line each', async () => {
    await client.brands.list();
    await client.meters.list();
    const { stdout } = await cli('requests', '--url', server.url, '--key', key, '--limit', '2');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /brands 200', 'GET /meters 200'],
    );
  });

  test('requests --follow prints requests as they come, until stopped', async () => {
    const child = spawn(process.execPath, [...SOURCES.cli, 'requests', '--follow', '--limit', '1'], {
      env: { ...process.env, PUBLIC_URL: server.url, PRICEBOOK_KEY: key },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    try {
      const deadline = Date.now() + 20_000;
      const waitFor = async (text: string) => {
        while (!out.includes(text)) {
          if (Date.now() > deadline || child.exitCode !== null) assert.fail(`no ${text} in: ${out}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await waitFor('"path":"/meters"');
      await client.addons.list({ page_size: 3 });
      await waitFor('"path":"/addons"');
      assert.match(out, /"query":"page_size=3"/);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  test('requests with a key the server refuses exits 1 with the answer', async () => {
    const failed = await cli('requests', '--url', server.url, '--key', 'pb_test_nope').then(
      () => assert.fail('requests succeeded'),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /401/);
  });
});
