import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { applyCatalogFile, planCatalog, statePathFor } from '../../src/catalog/apply.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { StateFile } from '../../src/catalog/state.ts';
import { httpTarget } from '../../src/catalog/target.ts';
import { useServer } from '../support/server.ts';
import { counts, EXAMPLE_COUNTS, exampleCopy } from './helpers.ts';
import { startProxy } from './proxy.ts';

async function remainingChanges(file: string, url: string, key: string) {
  const target = httpTarget(url, key);
  return (await planCatalog(loadCatalog(file), target, new StateFile(statePathFor(file), target.scope))).plan.changes;
}

/** Named brands only: every business also holds its primary brand. */
async function catalogCounts(client: Parameters<typeof counts>[0]) {
  const held = await counts(client);
  return { ...held, brands: held.brands.filter((name) => name !== 'default' && !name?.startsWith('tenant-')) };
}

describe('applying through failures', () => {
  const server = useServer();

  it('a target answering 500 and 429 to some requests, or losing replies, still ends complete', async () => {
    const { key, client } = await server().newTenant();
    const file = exampleCopy();
    let posts = 0;
    const proxy = await startProxy(server().url, (n, method) => {
      if (n % 5 === 0) return 'refuse-429';
      if (method !== 'POST') return n % 9 === 0 ? 'refuse-500' : 'none';
      posts++;
      // A lost reply after the server made the object is the case a blind retry would duplicate.
      if (posts % 4 === 0) return 'after-500';
      if (posts % 6 === 0) return 'refuse-500';
      return 'none';
    });
    try {
      const report = await applyCatalogFile(file, httpTarget(proxy.url, key));
      assert.deepEqual(report.errors, []);
      assert.ok(posts >= 4, 'some creates were answered with a lost reply');
    } finally {
      await proxy.close();
    }
    assert.deepEqual(await catalogCounts(client), EXAMPLE_COUNTS);
    assert.deepEqual(await remainingChanges(file, server().url, key), []);
  });

  it('an apply killed half way and run again ends with the same catalog and no duplicates', async () => {
    const { key, client } = await server().newTenant();
    const file = exampleCopy();
    const cli = (url: string) =>
      spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'apply', file, '--to', url, '--key', key, '--yes', '--json'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    let child: ReturnType<typeof cli> | undefined;
    // Killed after the reads and some creates: 20 list reads come first, then the creates.
    const proxy = await startProxy(
      server().url,
      () => 'none',
      (n) => {
        if (n === 30) child?.kill('SIGKILL');
      },
    );
    try {
      child = cli(proxy.url);
      const [code, signal] = await once(child, 'exit');
      assert.equal(signal, 'SIGKILL', `the CLI ended by itself with ${code}`);
    } finally {
      await proxy.close();
    }
    const partial = await catalogCounts(client);
    assert.notDeepEqual(partial, EXAMPLE_COUNTS, 'the kill left the catalog unfinished');

    const rerun = cli(server().url);
    let output = '';
    rerun.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const [code] = await once(rerun, 'exit');
    assert.equal(code, 0, output);
    assert.deepEqual(JSON.parse(output).errors, []);
    assert.deepEqual(await catalogCounts(client), EXAMPLE_COUNTS);
    assert.deepEqual(await remainingChanges(file, server().url, key), []);
  });
});
