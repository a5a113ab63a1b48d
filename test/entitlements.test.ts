import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { entitlement } from './support/catalog-factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';

const server = useServer();

async function createRaw(body: unknown) {
  const res = await server().request('POST', '/entitlements', { body });
  return { status: res.status, code: res.json?.code as string, message: res.json?.message as string };
}

/** One valid config per integration type, and what reads show for it. */
const CONFIGS: [DodoPayments.EntitlementIntegrationType, DodoPayments.IntegrationConfig, unknown][] = [
  ['feature_flag', { feature_type: 'boolean', feature_id: 'beta' }, { feature_type: 'boolean', feature_id: 'beta' }],
  ['github', { target_id: 'acme/sdk', permission: 'pull' }, { target_id: 'acme/sdk', permission: 'pull' }],
  ['discord', { guild_id: '123' }, { guild_id: '123', role_id: null }],
  ['telegram', { chat_id: '-100' }, { chat_id: '-100' }],
  ['figma', { figma_file_id: 'f1' }, { figma_file_id: 'f1' }],
  ['framer', { framer_template_id: 't1' }, { framer_template_id: 't1' }],
  ['notion', { notion_template_id: 'n1' }, { notion_template_id: 'n1' }],
  [
    'digital_files',
    { digital_file_ids: [], instructions: 'Unzip' },
    { digital_files: { files: [], external_url: null, instructions: 'Unzip' } },
  ],
  [
    'license_key',
    { activations_limit: 3, duration_count: 1, duration_interval: 'Year' },
    {
      activation_message: null,
      activations_limit: 3,
      duration_count: 1,
      duration_interval: 'Year',
      fulfillment_mode: null,
    },
  ],
];

describe('entitlements through the official SDK', () => {
  test('an entitlement of each integration type is created, retrieved and listed', async () => {
    const { client } = await server().newTenant('test');
    const ids: string[] = [];
    for (const [integration_type, integration_config, shown] of CONFIGS) {
      const created = await client.entitlements.create({
        name: integration_type,
        integration_type,
        integration_config,
        metadata: { tier: 2 },
      });
      assert.match(created.id, /^ent_[0-9A-Za-z]{21}$/);
      assert.equal(created.is_active, true);
      assert.deepEqual(created.integration_config, shown, integration_type);
      assert.deepEqual(created.metadata, { tier: 2 });
      assert.deepEqual(await client.entitlements.retrieve(created.id), created);
      ids.push(created.id);
    }
    const listed = await client.entitlements.list({ page_number: 0, page_size: 100 });
    assert.deepEqual(
      listed.items.map((e) => e.id),
      [...ids].reverse(),
      'newest first',
    );
    const github = await client.entitlements.list({ page_number: 0, integration_type: 'github' });
    assert.deepEqual(
      github.items.map((e) => e.integration_type),
      ['github'],
    );
  });

  test('the config must have the shape of its integration type, and only that shape is kept', async () => {
    for (const [integration_type, integration_config, field] of [
      ['github', { feature_type: 'boolean', feature_id: 'x' }, 'target_id'],
      ['github', { target_id: 'acme/sdk', permission: 'owner' }, 'permission'],
      ['discord', { chat_id: '1' }, 'guild_id'],
      ['feature_flag', { feature_type: 'number', feature_id: 'x' }, 'feature_type'],
      ['license_key', { activations_limit: 'many' }, 'activations_limit'],
      ['digital_files', { instructions: 'x' }, 'digital_file_ids'],
    ] as const) {
      const res = await createRaw({ name: 'x', integration_type, integration_config });
      assert.deepEqual([res.status, res.code], [422, 'INVALID_REQUEST_BODY'], `${integration_type} ${field}`);
      assert.match(res.message, new RegExp(`integration_config.*${field}`));
    }
    const extra = await server()
      .client()
      .entitlements.create(
        entitlement({
          integration_type: 'github',
          integration_config: { target_id: 'acme/sdk', permission: 'push', guild_id: '1' } as never,
        }),
      );
    assert.deepEqual(extra.integration_config, { target_id: 'acme/sdk', permission: 'push' });
  });

  test('a license key duration needs both count and interval, and files must have been uploaded', async () => {
    const half = await createRaw(
      entitlement({ integration_type: 'license_key', integration_config: { duration_count: 1 } }),
    );
    assert.deepEqual([half.status, half.code], [422, 'INVALID_REQUEST_BODY']);
    for (const integration_config of [
      { digital_file_ids: ['file_1'] },
      { digital_file_ids: [], legacy_file_ids: ['f'] },
    ]) {
      const res = await createRaw(entitlement({ integration_type: 'digital_files', integration_config }));
      assert.deepEqual([res.status, res.code], [422, 'MISSING_FILE_IDS']);
    }
  });

  test('PATCH returns the entitlement; null keeps a field, and a new config must fit the stored type', async () => {
    const client = server().client();
    const created = await client.entitlements.create(entitlement({ description: 'Beta access', metadata: { a: 1 } }));
    const updated = await client.entitlements.update(created.id, {
      name: 'Renamed',
      description: null,
      integration_config: { feature_type: 'boolean', feature_id: 'gamma' },
      metadata: { b: 'two' },
    });
    assert.equal(updated.name, 'Renamed');
    assert.equal(updated.description, 'Beta access');
    assert.deepEqual(updated.integration_config, { feature_type: 'boolean', feature_id: 'gamma' });
    assert.deepEqual(updated.metadata, { b: 'two' });
    assert.deepEqual(await client.entitlements.retrieve(created.id), updated);

    const wrongShape = await server().request('PATCH', `/entitlements/${created.id}`, {
      body: { integration_config: { target_id: 'acme/sdk', permission: 'pull' } },
    });
    assert.deepEqual([wrongShape.status, wrongShape.json.code], [422, 'INVALID_REQUEST_BODY']);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    const metadata = await server().request('PATCH', `/entitlements/${created.id}`, { body: { metadata: tooMany } });
    assert.deepEqual([metadata.status, metadata.json.code], [422, 'MAXIMUM_KEYS_REACHED']);
    assert.deepEqual(await client.entitlements.retrieve(created.id), updated, 'refused PATCHes change nothing');
  });

  test('a deleted entitlement is gone: 404 on read, update and delete, and left out of lists', async () => {
    const client = server().client();
    const { id } = await client.entitlements.create(entitlement());
    const res = await server().request('DELETE', `/entitlements/${id}`);
    assert.deepEqual([res.status, res.text, res.headers.get('content-length')], [200, '', '0']);
    assert.deepEqual(await failure(client.entitlements.retrieve(id)), { status: 404, code: 'NOT_FOUND' });
    assert.deepEqual(await failure(client.entitlements.update(id, { name: 'x' })), { status: 404, code: 'NOT_FOUND' });
    assert.deepEqual(await failure(client.entitlements.delete(id)), { status: 404, code: 'NOT_FOUND' });
    const listed = await client.entitlements.list({ page_number: 0, page_size: 100 });
    assert.ok(!listed.items.some((e) => e.id === id));
  });

  test('another business or the other mode gets 404 for an entitlement', async () => {
    const { id } = await server().client().entitlements.create(entitlement());
    const other = await server().newTenant('test');
    const live = await server().keyFor(server().businessId, 'live');
    for (const key of [other.key, live.key]) {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await server().request(method, `/entitlements/${id}`, { body, key });
        assert.deepEqual([res.status, res.json.code], [404, 'NOT_FOUND'], method);
      }
      const listed = await server().request('GET', '/entitlements?page_size=100', { key });
      assert.ok(!listed.json.items.some((e: { id: string }) => e.id === id));
    }
    assert.equal((await server().client().entitlements.retrieve(id)).name, 'Pro features');
  });
});
