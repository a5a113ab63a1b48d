import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Context } from '../src/context.ts';
import { keepPages } from '../src/http/page-cache.ts';

// The cache alone, in an app of its own: a route that counts how often its page is produced.
let app: FastifyInstance;
let url = '';
const produced = new Map<string, number>();
// The first ten productions of the big page wait for one another: ten misses at once, however slow the machine.
const AT_ONCE = 10;
let allMissed: () => void = () => undefined;
const missed = new Promise<void>((resolve) => {
  allMissed = resolve;
});

before(async () => {
  app = Fastify();
  keepPages(app, { dataVersion: () => 1 });
  const ctx = { scope: { businessId: 'bus_cache', mode: 'test' } };
  app.decorateRequest('ctx', null as unknown as Context);
  app.addHook('onRequest', async (request) => {
    request.ctx = ctx as unknown as Context;
  });
  app.get<{ Params: { name: string }; Querystring: { kib?: string } }>('/pages/:name', (request, reply) =>
    app.keptPages(request, reply, async () => {
      const count = (produced.get(request.params.name) ?? 0) + 1;
      produced.set(request.params.name, count);
      if (request.params.name === 'big' && count === AT_ONCE) allMissed();
      if (request.params.name === 'big' && count <= AT_ONCE) await missed;
      return { body: { page: 'x'.repeat(Number(request.query.kib ?? 1) * 1024) }, keep: true, dependsOn: [] };
    }),
  );
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => app.close());

const get = async (path: string) => {
  const response = await fetch(`${url}${path}`);
  assert.equal(response.status, 200);
  return response.json();
};

// Bounded: a cache that made requests missing at once wait for one production would leave the ten waiting.
test('a page that many requests missed at once counts once against the bound, and other pages stay kept', {
  timeout: 10_000,
}, async () => {
  // Ten copies of a 1 MiB page, each once counted against the 8 MiB bound, left no room for two more such pages.
  await Promise.all(Array.from({ length: AT_ONCE }, () => get('/pages/big?kib=1024')));
  for (const name of ['a', 'b', 'a', 'b']) await get(`/pages/${name}?kib=1024`);
  assert.deepEqual([produced.get('big'), produced.get('a'), produced.get('b')], [AT_ONCE, 1, 1]);
  assert.equal((await get('/pages/big?kib=1024')).page.length, 1024 * 1024);
  assert.equal(produced.get('big'), AT_ONCE, 'the big page is still kept');
});
