import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/server.ts';

type Operation = { parameters?: { $ref?: string }[]; responses: Record<string, { $ref?: string }> };

async function operations(url: string) {
  const doc = await fetch(`${url}/openapi.json`).then((r) => r.json());
  const ops = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })),
  );
  return { doc, ops };
}

describe('/openapi.json with rate limits on', () => {
  const server = useServer({ app: { rateLimit: { max: 1000, windowMs: 60_000, redisPrefix: 'unused:' } } });

  test('shows the guards where they answer: 429 everywhere, 403 on writes, Idempotency-Key on POST and PATCH', async () => {
    const { doc, ops } = await operations(server().url);
    const developer = ops.filter(({ name }) => name.includes(' /_pricebook/'));
    assert.ok(developer.length >= 5);
    for (const { name, op } of developer) {
      assert.equal(op.responses['429'], undefined, `${name}: the developer endpoints are not rate limited`);
      assert.ok(!op.parameters?.some((p) => p.$ref?.endsWith('/IdempotencyKey')), `${name}: nor replayed`);
    }
    const api = ops.filter((o) => !developer.includes(o));
    assert.ok(api.length >= 50);
    for (const { name, method, op } of api) {
      assert.equal(op.responses['429']?.$ref, '#/components/responses/TooManyRequests', name);
      assert.equal(op.responses['403'] !== undefined, method !== 'get', `${name}: 403 on writes only`);
      const keyed = (op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
      assert.equal(keyed, method === 'post' || method === 'patch', `${name}: Idempotency-Key`);
    }
    assert.equal(doc.components.parameters.IdempotencyKey.name, 'idempotency-key');
    assert.deepEqual(doc.components.responses.ReadOnlyApiKey.content['application/json'].schema.properties.code.enum, [
      'READ_ONLY_API_KEY',
    ]);
    assert.ok(doc.components.responses.TooManyRequests.headers['retry-after']);
  });
});

describe('/openapi.json by default', () => {
  const server = useServer();
  test('shows no 429 while rate limits are off', async () => {
    const { ops } = await operations(server().url);
    assert.deepEqual(
      ops.filter(({ op }) => op.responses['429']).map(({ name }) => name),
      [],
    );
  });
});
