import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// What users get from `npm pack`: the examples run against the build it makes, and the tarball, installed
// in an empty folder, serves with `npx pricebook serve` and imports `pricebook/testing` with its types.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Runs a command to its end, which must come on its own: a handle left open would keep it past `timeout`. */
async function exits(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const started = performance.now();
  const result = await run(file, args, { ...options, timeout: 180_000, killSignal: 'SIGKILL' }).catch(
    (error: { code: number | null; signal: string | null; stdout: string; stderr: string }) => {
      assert.fail(`${file} ${args.join(' ')}: exit ${error.code ?? error.signal}\n${error.stdout}\n${error.stderr}`);
    },
  );
  return { ...result, seconds: ((performance.now() - started) / 1000).toFixed(1) };
}

describe('npm pack', () => {
  let packDir: string;
  let tarball: string;
  before(async () => {
    packDir = mkdtempSync(join(tmpdir(), 'pricebook-pack-'));
    // `prepare` builds dist/ first, as it does before a publish.
    await run('npm', ['pack', '--pack-destination', packDir, '--silent'], { cwd: ROOT });
    const [file = ''] = readdirSync(packDir);
    assert.ok(file.endsWith('.tgz'));
    tarball = join(packDir, file);
  });
  after(() => rmSync(packDir, { recursive: true, force: true }));

  describe('the examples, each in its own runner, which exits on its own', () => {
    test('node:test', async (t) => {
      // Without this runner's own variable, which would make the child report to it instead of printing.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const { stdout, seconds } = await exits(process.execPath, ['--test', 'examples/node-test/'], { cwd: ROOT, env });
      assert.match(stdout, /# pass 4\n# fail 0/);
      t.diagnostic(`${seconds} s`);
    });

    test('Vitest', async (t) => {
      const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
      const { stdout, seconds } = await exits(process.execPath, [vitest, 'run', '--root', 'examples/vitest'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      });
      assert.match(stdout, /Tests\s+4 passed \(4\)/);
      t.diagnostic(`${seconds} s`);
    });

    test('Jest, with --experimental-vm-modules for ES modules', async (t) => {
      const jest = join(ROOT, 'node_modules/jest/bin/jest.js');
      const { stderr, seconds } = await exits(
        process.execPath,
        ['--experimental-vm-modules', jest, '--rootDir', 'examples/jest', '--ci'],
        { cwd: ROOT },
      );
      assert.match(stderr, /Tests:\s+4 passed, 4 total/);
      assert.doesNotMatch(stderr, /did not exit/);
      t.diagnostic(`${seconds} s`);
    });
  });

  describe('the tarball installed in an empty folder', () => {
    let consumer: string;
    let installSeconds: string;
    before(async () => {
      consumer = mkdtempSync(join(tmpdir(), 'pricebook-consumer-'));
      writeFileSync(
        join(consumer, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      const { seconds } = await exits(
        'npm',
        ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent'],
        { cwd: consumer },
      );
      installSeconds = seconds;
      // --ignore-scripts spares the install better-sqlite3's download or compile of its addon: the one built here,
      // for this Node and this machine, is the same file.
      const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
      mkdirSync(join(consumer, addon, '..'), { recursive: true });
      copyFileSync(join(ROOT, addon), join(consumer, addon));
    });
    after(() => rmSync(consumer, { recursive: true, force: true }));

    test('npx pricebook serve answers, prints its keys, and serves the home page and /docs', async (t) => {
      t.diagnostic(`npm install of the tarball: ${installSeconds} s`);
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const url = `http://127.0.0.1:${port}`;
      const child: ChildProcess = spawn('npx', ['pricebook', 'serve'], {
        cwd: consumer,
        env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(consumer, 'data/pb.db')}` },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      let output = '';
      child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      try {
        const deadline = Date.now() + 60_000;
        while (
          !(await fetch(`${url}/health`).then(
            (r) => r.ok,
            () => false,
          ))
        ) {
          assert.ok(Date.now() < deadline && child.exitCode === null, `not serving: ${output}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const key = /test mode: (\S+)/.exec(output)?.[1];
        const products = await fetch(`${url}/products`, { headers: { authorization: `Bearer ${key}` } });
        assert.deepEqual(await products.json(), { items: [] });
        const home = await fetch(url);
        assert.match(String(home.headers.get('content-type')), /text\/html/);
        assert.match(await home.text(), /href="\/docs"/);
        const docs = await fetch(`${url}/docs/static/index.html`);
        assert.equal(docs.status, 200);
        assert.match(await docs.text(), /swagger/i);
      } finally {
        process.kill(-child.pid!, 'SIGTERM');
        if (child.exitCode === null) await once(child, 'exit');
      }
    });

    test('pricebook/testing imports, starts, answers and lets the process exit; its types check', async () => {
      writeFileSync(
        join(consumer, 'consumer.ts'),
        `import { type Pricebook, startPricebook } from 'pricebook/testing';
const pricebook: Pricebook = await startPricebook();
const response = await fetch(\`\${pricebook.url}/products\`, { headers: { authorization: \`Bearer \${pricebook.testKey}\` } });
const rule = pricebook.faults.add({ status: 503, times: 1, retry_after_ms: 5 });
// @ts-expect-error a status is a number
pricebook.faults.add({ status: '503' });
console.log(JSON.stringify({ status: response.status, rule: rule.id.startsWith('flt_'), logged: pricebook.requests().length }));
await pricebook.close();
`,
      );
      const compilerOptions = { noEmit: true, strict: true, module: 'nodenext', target: 'es2022', types: [] };
      writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
      await exits(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: consumer });
      // Run as JavaScript: the same file without its types and the line that must not type-check.
      writeFileSync(
        join(consumer, 'consumer.mjs'),
        `import { startPricebook } from 'pricebook/testing';
const pricebook = await startPricebook();
const response = await fetch(\`\${pricebook.url}/products\`, { headers: { authorization: \`Bearer \${pricebook.testKey}\` } });
const rule = pricebook.faults.add({ status: 503, times: 1, retry_after_ms: 5 });
console.log(JSON.stringify({ status: response.status, rule: rule.id.startsWith('flt_'), logged: pricebook.requests().length }));
await pricebook.close();
`,
      );
      const { stdout } = await exits(process.execPath, ['consumer.mjs'], { cwd: consumer });
      assert.deepEqual(JSON.parse(stdout), { status: 200, rule: true, logged: 1 });
    });
  });
});
