import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { freshDatabase, type TestDatabase } from './support/databases.ts';
import { oneTimeProduct } from './support/factories.ts';
import { bootstrapKey, startServerProcess } from './support/process.ts';

describe('durability', () => {
  let db: TestDatabase;
  let key: string;
  before(async () => {
    db = await freshDatabase();
    const first = await startServerProcess(db.url);
    key = bootstrapKey(first.output());
    await first.stop();
  });
  after(async () => {
    await db.drop();
  });

  test('every acknowledged write survives a SIGKILL in the middle of a write load', async () => {
    const server = await startServerProcess(db.url);
    const client = new DodoPayments({ bearerToken: key, baseURL: server.url, maxRetries: 0, timeout: 5000 });
    const acknowledged: string[] = [];
    const updated = new Map<string, string>();
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const product = await client.products.create(oneTimeProduct({ name: `w${n}-${i}` }));
          acknowledged.push(product.product_id);
          await client.products.update(product.product_id, { description: `updated ${i}` });
          updated.set(product.product_id, `updated ${i}`);
        } catch {
          return; // the server is gone: writes in flight were never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 10));
    await server.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);

    const restarted = await startServerProcess(db.url);
    try {
      assert.ok(!restarted.output().includes('test mode:'), 'a database with a business is not bootstrapped again');
      const reader = new DodoPayments({ bearerToken: key, baseURL: restarted.url, maxRetries: 0 });
      for (const id of acknowledged) {
        const product = await reader.products.retrieve(id);
        if (updated.has(id)) assert.equal(product.description, updated.get(id), `${id} kept its update`);
      }
    } finally {
      await restarted.stop();
    }
  });

  test('SIGTERM stops the server with exit code 0, and its data is there after a restart', async () => {
    const server = await startServerProcess(db.url);
    const client = new DodoPayments({ bearerToken: key, baseURL: server.url, maxRetries: 0 });
    const product = await client.products.create(oneTimeProduct({ name: 'Survivor' }));
    assert.equal(await server.stop('SIGTERM'), 0);

    const restarted = await startServerProcess(db.url);
    try {
      const reader = new DodoPayments({ bearerToken: key, baseURL: restarted.url, maxRetries: 0 });
      assert.equal((await reader.products.retrieve(product.product_id)).name, 'Survivor');
    } finally {
      await restarted.stop();
    }
  });
});
