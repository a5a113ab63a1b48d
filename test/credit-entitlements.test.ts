import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { creditEntitlement } from './support/catalog-factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';

const server = useServer();

async function createRaw(body: unknown) {
  const res = await server().request('POST', '/credit-entitlements', { body });
  return { status: res.status, code: res.json?.code as string, message: res.json?.message as string };
}

describe('credit entitlements through the official SDK', () => {
  test('a credit entitlement is created (201) with every key, retrieved and listed newest first', async () => {
    const client = server().client();
    const created = await client.creditEntitlements.create(
      creditEntitlement({
        description: 'Model tokens',
        overage_enabled: true,
        price_per_unit: '0.25',
        currency: 'USD',
        overage_limit: 5_000_000_000,
        rollover_enabled: true,
        rollover_percentage: 50,
        rollover_timeframe_count: 2,
        rollover_timeframe_interval: 'Month',
      }),
    );
    assert.match(created.id, /^cde_[0-9A-Za-z]{21}$/);
    assert.equal(created.business_id, server().businessId);
    assert.equal(created.overage_behavior, 'forgive_at_reset', 'the documented default');
    assert.equal(created.overage_limit, 5_000_000_000, 'an int64 survives the round trip');
    assert.equal(created.expires_after_days, null);
    assert.deepEqual(await client.creditEntitlements.retrieve(created.id), created);
    assert.equal((await createRaw(creditEntitlement())).status, 201);
    const listed = await client.creditEntitlements.list({ page_number: 0, page_size: 100 });
    assert.equal(listed.items[1]?.id, created.id, 'newest first');
  });

  test('a price needs a currency, overage needs a price, and the rollover timeframe fields come together', async () => {
    for (const [body, hint] of [
      [creditEntitlement({ price_per_unit: '1' }), /currency/],
      [creditEntitlement({ overage_enabled: true }), /price_per_unit/],
      [creditEntitlement({ overage_enabled: true, currency: 'USD' }), /price_per_unit/],
      [creditEntitlement({ rollover_timeframe_count: 1 }), /rollover_timeframe/],
      [creditEntitlement({ rollover_timeframe_interval: 'Week' }), /rollover_timeframe/],
    ] as const) {
      const res = await createRaw(body);
      assert.deepEqual([res.status, res.code], [422, 'INVALID_REQUEST_BODY'], JSON.stringify(body));
      assert.match(res.message, hint);
    }
  });

  test('names are 1 to 255 characters, precision 0 to 10, percentages 0 to 100', async () => {
    for (const body of [
      creditEntitlement({ name: '' }),
      creditEntitlement({ name: 'n'.repeat(256) }),
      creditEntitlement({ precision: 11 }),
      creditEntitlement({ precision: -1 }),
      creditEntitlement({ rollover_percentage: 101 }),
      creditEntitlement({ description: 'd'.repeat(1001) }),
      creditEntitlement({ price_per_unit: 'cheap', currency: 'USD' }),
    ]) {
      assert.equal((await createRaw(body)).status, 422, JSON.stringify(body));
    }
  });

  test('PATCH sets, clears with null and keeps what it leaves out; precision never changes', async () => {
    const client = server().client();
    const created = await client.creditEntitlements.create(
      creditEntitlement({ description: 'before', expires_after_days: 30, max_rollover_count: 2 }),
    );
    await client.creditEntitlements.update(created.id, {
      description: 'after',
      expires_after_days: null,
      name: null,
      precision: 6,
    } as never);
    const after = await client.creditEntitlements.retrieve(created.id);
    assert.equal(after.description, 'after');
    assert.equal(after.expires_after_days, null, 'null clears');
    assert.equal(after.name, created.name, 'a required field is kept when sent as null');
    assert.equal(after.max_rollover_count, 2, 'an absent field is kept');
    assert.equal(after.precision, 2);
    assert.ok(after.updated_at >= created.updated_at);
  });

  test('PATCH is checked on the merged result, and a refused one changes nothing', async () => {
    const client = server().client();
    const created = await client.creditEntitlements.create(
      creditEntitlement({ overage_enabled: true, price_per_unit: '2', currency: 'EUR' }),
    );
    for (const body of [{ price_per_unit: null }, { currency: null }, { rollover_timeframe_count: 3 }]) {
      const res = await server().request('PATCH', `/credit-entitlements/${created.id}`, { body });
      assert.deepEqual([res.status, res.json.code], [422, 'INVALID_REQUEST_BODY'], JSON.stringify(body));
    }
    assert.deepEqual(await client.creditEntitlements.retrieve(created.id), created);
    await client.creditEntitlements.update(created.id, {
      overage_enabled: false,
      price_per_unit: null,
      currency: null,
    });
    const after = await client.creditEntitlements.retrieve(created.id);
    assert.deepEqual([after.overage_enabled, after.price_per_unit, after.currency], [false, null, null]);
  });

  test('delete hides it (404, listed with deleted=true), a second delete is 410, and undelete restores it', async () => {
    const client = server().client();
    const { id } = await client.creditEntitlements.create(creditEntitlement());
    await client.creditEntitlements.delete(id);
    assert.deepEqual(await failure(client.creditEntitlements.retrieve(id)), { status: 404, code: 'NOT_FOUND' });
    assert.deepEqual(await failure(client.creditEntitlements.update(id, { name: 'x' })), {
      status: 404,
      code: 'NOT_FOUND',
    });
    const active = await client.creditEntitlements.list({ page_number: 0, page_size: 100 });
    assert.ok(!active.items.some((c) => c.id === id));
    const deleted = await client.creditEntitlements.list({ page_number: 0, page_size: 100, deleted: true });
    assert.deepEqual(
      deleted.items.map((c) => c.id),
      [id],
    );
    assert.deepEqual(await failure(client.creditEntitlements.delete(id)), {
      status: 410,
      code: 'CREDIT_ENTITLEMENT_ALREADY_DELETED',
    });

    await client.creditEntitlements.undelete(id);
    assert.equal((await client.creditEntitlements.retrieve(id)).id, id);
    await client.creditEntitlements.undelete(id);
    assert.equal((await client.creditEntitlements.retrieve(id)).id, id, 'undeleting an active one changes nothing');
  });

  test('PATCH, delete and undelete answer 200 with an empty body', async () => {
    const { id } = await server().client().creditEntitlements.create(creditEntitlement());
    for (const [method, path, body] of [
      ['PATCH', `/credit-entitlements/${id}`, { name: 'x' }],
      ['DELETE', `/credit-entitlements/${id}`, undefined],
      ['POST', `/credit-entitlements/${id}/undelete`, undefined],
    ] as const) {
      const res = await server().request(method, path, { body });
      assert.deepEqual([res.status, res.text, res.headers.get('content-length')], [200, '', '0'], `${method} ${path}`);
    }
  });

  test('another business, the other mode, or an unknown id gets 404 for a credit entitlement', async () => {
    const { id } = await server().client().creditEntitlements.create(creditEntitlement());
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    for (const key of [other.key, live.key, server().key]) {
      const target = key === server().key ? 'cde_000000000000000000000' : id;
      for (const [method, path, body] of [
        ['GET', `/credit-entitlements/${target}`, undefined],
        ['PATCH', `/credit-entitlements/${target}`, { name: 'x' }],
        ['DELETE', `/credit-entitlements/${target}`, undefined],
        ['POST', `/credit-entitlements/${target}/undelete`, undefined],
      ] as const) {
        const res = await server().request(method, path, { body, key });
        assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND'], `${method} ${path}`);
      }
    }
    for (const deleted of [false, true]) {
      const listed = await server().request('GET', `/credit-entitlements?page_size=100&deleted=${deleted}`, {
        key: other.key,
      });
      assert.deepEqual(listed.json.items, []);
    }
    assert.equal((await server().client().creditEntitlements.retrieve(id)).name, 'Tokens');
  });
});
