import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { meter } from './support/catalog-factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

const condition = (key = 'plan') => ({ key, operator: 'equals' as const, value: 'pro' });
/** A filter nested `levels` deep, the top filter being level 1. */
const nested = (levels: number): DodoPayments.MeterFilter =>
  levels === 1 ? { conjunction: 'and', clauses: [condition()] } : { conjunction: 'or', clauses: [nested(levels - 1)] };

async function createRaw(body: unknown) {
  const res = await server().request('POST', '/meters', { body });
  return { status: res.status, code: res.json?.code as string, message: res.json?.message as string };
}

describe('meters through the official SDK', () => {
  test('a meter is created (201), retrieved, listed, archived (204) and unarchived', async () => {
    const client = server().client();
    const filter: DodoPayments.MeterFilter = {
      conjunction: 'and',
      clauses: [
        { conjunction: 'or', clauses: [condition(), { key: 'seats', operator: 'greater_than', value: 3 }] },
        { conjunction: 'and', clauses: [{ key: 'trial', operator: 'equals', value: false }] },
      ],
    };
    const created = await client.meters.create(
      meter({ description: 'Calls to the API', aggregation: { type: 'sum', key: 'tokens' }, filter }),
    );
    assert.match(created.id, /^mtr_[0-9A-Za-z]{21}$/);
    assert.deepEqual(created.filter, filter);
    assert.deepEqual(created.aggregation, { type: 'sum', key: 'tokens' });
    assert.deepEqual(await client.meters.retrieve(created.id), created);
    const raw = await createRaw(meter());
    assert.equal(raw.status, 201);

    const listed = await client.meters.list({ page_number: 0, page_size: 100 });
    assert.equal(listed.items[1]?.id, created.id, 'newest first');

    const archive = await server().request('DELETE', `/meters/${created.id}`);
    assert.equal(archive.status, 204);
    const active = await client.meters.list({ page_number: 0, page_size: 100 });
    assert.ok(!active.items.some((m) => m.id === created.id), 'archived meters leave the list');
    const archived = await client.meters.list({ page_number: 0, page_size: 100, archived: true });
    assert.deepEqual(
      archived.items.map((m) => m.id),
      [created.id],
      'archived=true lists only archived meters',
    );
    assert.equal((await client.meters.retrieve(created.id)).id, created.id, 'an archived meter can still be read');

    await client.meters.unarchive(created.id);
    const back = await client.meters.list({ page_number: 0, page_size: 100 });
    assert.ok(back.items.some((m) => m.id === created.id));
  });

  test('archiving and unarchiving are idempotent', async () => {
    const client = server().client();
    const { id } = await client.meters.create(meter());
    await client.meters.unarchive(id);
    await client.meters.archive(id);
    await client.meters.archive(id);
    const archived = await client.meters.list({ page_number: 0, page_size: 100, archived: true });
    assert.ok(archived.items.some((m) => m.id === id));
  });

  test('aggregation.key is required unless the aggregation is count', async () => {
    for (const type of ['sum', 'max', 'last'] as const) {
      const res = await createRaw(meter({ aggregation: { type } }));
      assert.deepEqual([res.status, res.code], [422, 'INVALID_REQUEST_BODY'], type);
      assert.match(res.message, /aggregation\/key/);
    }
    assert.equal((await createRaw(meter({ aggregation: { type: 'count' } }))).status, 201);
    assert.equal((await createRaw(meter({ aggregation: { type: 'max', key: 'latency' } }))).status, 201);
  });

  test('a filter has 1 to 10 clauses a level and at most 3 levels', async () => {
    assert.equal((await createRaw(meter({ filter: nested(3) }))).status, 201);
    const tooDeep = await createRaw(meter({ filter: nested(4) }));
    assert.deepEqual([tooDeep.status, tooDeep.code], [422, 'INVALID_REQUEST_BODY']);
    assert.match(tooDeep.message, /deeper than 3 levels/);

    const ten = Array.from({ length: 10 }, (_, i) => condition(`k${i}`));
    assert.equal((await createRaw(meter({ filter: { conjunction: 'and', clauses: ten } }))).status, 201);
    for (const clauses of [[], [...ten, condition()]]) {
      const res = await createRaw(meter({ filter: { conjunction: 'and', clauses } }));
      assert.equal(res.status, 422, `${clauses.length} clauses`);
    }
    const emptyNested = await createRaw(
      meter({ filter: { conjunction: 'and', clauses: [{ conjunction: 'or', clauses: [] }] } }),
    );
    assert.equal(emptyNested.status, 422, 'the limits hold at every level');
  });

  test('conditions use the eight operators, keys of 1 to 100 characters, and are not mixed with nested filters', async () => {
    const operators = [
      'equals',
      'not_equals',
      'greater_than',
      'greater_than_or_equals',
      'less_than',
      'less_than_or_equals',
      'contains',
      'does_not_contain',
    ] as const;
    const all = operators.map((operator) => ({ key: 'k', operator, value: 1 }));
    assert.equal((await createRaw(meter({ filter: { conjunction: 'or', clauses: all } }))).status, 201);
    for (const clauses of [
      [{ key: 'k', operator: 'starts_with', value: 'a' }],
      [{ key: '', operator: 'equals', value: 'a' }],
      [{ key: 'k'.repeat(101), operator: 'equals', value: 'a' }],
      [{ key: 'k', operator: 'equals', value: null }],
      [condition(), nested(1)],
    ]) {
      const res = await createRaw({ ...meter(), filter: { conjunction: 'and', clauses } });
      assert.deepEqual([res.status, res.code], [422, 'INVALID_REQUEST_BODY'], JSON.stringify(clauses));
    }
    const badConjunction = await createRaw({ ...meter(), filter: { conjunction: 'xor', clauses: [condition()] } });
    assert.equal(badConjunction.status, 422);
  });

  test('another business, the other mode, or an unknown id gets 404 for a meter', async () => {
    const { id } = await server().client().meters.create(meter());
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    for (const key of [other.key, live.key]) {
      for (const [method, path] of [
        ['GET', `/meters/${id}`],
        ['DELETE', `/meters/${id}`],
        ['POST', `/meters/${id}/unarchive`],
      ] as const) {
        const res = await server().request(method, path, { key });
        assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND'], `${method} ${path}`);
      }
      const listed = await server().request('GET', '/meters?page_size=100', { key });
      assert.ok(!listed.json.items.some((m: { id: string }) => m.id === id));
    }
    assert.equal((await server().request('GET', '/meters/mtr_000000000000000000000')).status, 404);
    const stillActive = await server().client().meters.list({ page_number: 0, page_size: 100 });
    assert.ok(
      stillActive.items.some((m) => m.id === id),
      'their archive did not touch this meter',
    );
  });
});
