import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { Type } from '@sinclair/typebox';
import { fastUnions } from '../src/http/fast-unions.ts';
import { Nullable } from '../src/http/schemas.ts';
import { Entitlement } from '../src/resources/entitlements/schema.ts';
import { Meter } from '../src/resources/meters/schema.ts';
import { Product, ProductListItem } from '../src/resources/products/schema.ts';

const serializer = (schema: unknown, externals: object = {}) =>
  SerializerSelector()(externals)({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (data: unknown) => string;

/** Both serializers must write the same JSON: the rewrite may only change how a branch is chosen. */
function assertSameOutput(schema: unknown, values: unknown[]): void {
  const before = serializer(schema);
  const { schema: rewritten, tests } = fastUnions(schema);
  const after = serializer(rewritten, tests);
  for (const value of values) assert.equal(after(value), before(value));
}

/** What `pick` takes from every schema within `schema`, wherever it sits. */
const everywhere =
  (pick: (schema: object) => unknown[]) =>
  (schema: unknown): unknown[] =>
    typeof schema === 'object' && schema !== null
      ? [...pick(schema), ...Object.values(schema).flatMap(everywhere(pick))]
      : [];
const ifs = everywhere((s) => ('if' in s ? [s.if] : []));
const branches = everywhere((s) => [
  ...('anyOf' in s && Array.isArray(s.anyOf) ? s.anyOf : []),
  ...('oneOf' in s && Array.isArray(s.oneOf) ? s.oneOf : []),
]);

const oneTime = { type: 'one_time_price', price: 1500, currency: 'USD', discount: 0, purchasing_power_parity: false };
const recurring = {
  type: 'recurring_price',
  price: 2000,
  currency: 'EUR',
  discount: 10,
  purchasing_power_parity: true,
  payment_frequency_count: 1,
  payment_frequency_interval: 'Month',
  subscription_period_count: 1,
  subscription_period_interval: 'Year',
  tax_inclusive: null,
  trial_period_days: 14,
};
const usage = {
  type: 'usage_based_price',
  fixed_price: 500,
  currency: 'GBP',
  discount: 0,
  purchasing_power_parity: false,
  payment_frequency_count: 1,
  payment_frequency_interval: 'Month',
  subscription_period_count: 1,
  subscription_period_interval: 'Month',
  meters: [{ meter_id: 'mtr_1', price_per_unit: '0.5', free_threshold: null, name: 'Calls', description: null }],
};

function product(price: unknown, nulls: boolean) {
  return {
    product_id: 'pdt_1',
    business_id: 'bus_1',
    brand_id: 'bus_1',
    name: 'Plan',
    description: nulls ? null : 'A plan',
    image: nulls ? null : 'http://127.0.0.1/images/1',
    price,
    is_recurring: false,
    tax_category: 'saas',
    metadata: { text: 'a', count: 3, flag: true },
    addons: nulls ? null : ['adn_1'],
    credit_entitlements: [],
    entitlements: [],
    digital_product_delivery: nulls ? null : { external_url: null, instructions: 'Read me', files: [] },
    license_key_enabled: false,
    license_key_activation_message: nulls ? null : 'Welcome',
    license_key_activations_limit: nulls ? null : 3,
    license_key_duration: nulls ? null : { count: 1, interval: 'Year' },
    pricing_mode: nulls ? null : 'by_currency',
    product_collection_id: nulls ? null : 'pdc_1',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

describe('response unions rewritten for the serializer', () => {
  test('a product serializes the same with every price type, with and without its nullable fields', () => {
    assertSameOutput(
      Product,
      [oneTime, recurring, usage].flatMap((price) => [product(price, true), product(price, false)]),
    );
  });

  test('a list item serializes the same, price_detail null or set', () => {
    const item = (price_detail: unknown) => ({
      ...product(oneTime, false),
      price: price_detail ? 1500 : null,
      currency: price_detail ? 'USD' : null,
      tax_inclusive: null,
      price_detail,
    });
    assertSameOutput(ProductListItem, [item(null), item(oneTime), item(recurring), item(usage)]);
  });

  test('an entitlement serializes the same with every integration config, nulls inside a union included', () => {
    const entitlement = (integration_config: unknown) => ({
      id: 'ent_1',
      business_id: 'bus_1',
      name: 'Access',
      description: null,
      integration_type: 'x',
      integration_config,
      is_active: true,
      metadata: {},
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    const configs = [
      { feature_type: 'boolean', feature_id: 'beta' },
      { target_id: 'acme/sdk', permission: 'pull' },
      { guild_id: '123', role_id: null },
      { chat_id: '-100' },
      { digital_files: { files: [], external_url: null, instructions: 'Unzip' } },
      {
        activation_message: null,
        activations_limit: 3,
        duration_count: 1,
        duration_interval: 'Year',
        fulfillment_mode: null,
      },
      {
        activation_message: 'Hi',
        activations_limit: null,
        duration_count: null,
        duration_interval: null,
        fulfillment_mode: null,
      },
    ];
    assertSameOutput(Entitlement, configs.map(entitlement));
  });

  test('a meter serializes the same with a filter nested three levels, a recursive union', () => {
    const condition = { key: 'plan', operator: 'equals', value: 'pro' };
    const meter = (filter: unknown) => ({
      id: 'mtr_1',
      business_id: 'bus_1',
      name: 'Calls',
      event_name: 'api.call',
      measurement_unit: 'calls',
      aggregation: { type: 'count', key: null },
      description: null,
      filter,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    const filters = [
      null,
      { conjunction: 'and', clauses: [condition] },
      { conjunction: 'or', clauses: [{ conjunction: 'and', clauses: [{ conjunction: 'or', clauses: [condition] }] }] },
    ];
    assertSameOutput(Meter, filters.map(meter));
  });

  // fast-json-stringify validates below a schema with an `$id` of its own without the external schemas.
  test('unions below a schema with an id of its own serialize the same', () => {
    const Kind = Type.Union([
      Type.Object({ type: Type.Literal('a'), n: Type.Number() }),
      Type.Object({ type: Type.Literal('b') }),
    ]);
    const Tree = Type.Recursive((Self) => Type.Object({ kind: Nullable(Kind), children: Type.Array(Self) }), {
      $id: 'Tree',
    });
    const children = [
      { kind: null, children: [] },
      { kind: { type: 'b' }, children: [] },
    ];
    assertSameOutput(Type.Object({ tree: Tree }), [{ tree: { kind: { type: 'a', n: 1 }, children } }]);
  });

  test('a union that no type check can decide stays a union, of the same branches', () => {
    const branches = [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object' }];
    const { schema, tests } = fastUnions({ title: 'T', anyOf: branches });
    const refs = (schema as { anyOf: { $ref: string }[] }).anyOf.map((branch) => branch.$ref);
    assert.deepEqual(schema, { title: 'T', anyOf: refs.map(($ref) => ({ $ref })) });
    assert.deepEqual(
      refs.map((id) => tests[id]),
      branches.map((branch, i) => ({ $id: refs[i], ...branch })),
    );
  });

  test('a nullable primitive becomes one multi-type schema, and a nullable union tests for null first', () => {
    assert.deepEqual(fastUnions({ anyOf: [{ type: 'string' }, { type: 'null' }] }).schema, {
      type: ['string', 'null'],
    });
    const tagged = (tag: string) => ({ type: 'object', properties: { type: { const: tag, type: 'string' } } });
    const { schema, tests } = fastUnions({ anyOf: [{ oneOf: [tagged('a'), tagged('b')] }, { type: 'null' }] });
    const rewritten = schema as { if?: { $ref: string }; else?: { if?: { $ref: string } } };
    assert.deepEqual(tests[rewritten.if?.$ref ?? ''], { $id: rewritten.if?.$ref, type: 'null' });
    assert.deepEqual(tests[rewritten.else?.if?.$ref ?? ''], {
      $id: rewritten.else?.if?.$ref,
      type: 'object',
      properties: { type: { const: 'a' } },
      required: ['type'],
    });
  });

  // Ajv reaches a test written inside the response schema through a pointer into it, and compiles the whole
  // response schema on the way: a third of a start's time to its first answer went there.
  test('every schema the serializer validates against is a small one of its own, not a part of the response', () => {
    for (const response of [Product, ProductListItem, Entitlement]) {
      const { schema, tests } = fastUnions(response);
      const validated = [...ifs(schema), ...branches(schema)];
      assert.ok(validated.length > 0);
      for (const small of validated) {
        assert.deepEqual(Object.keys(small as object), ['$ref']);
        assert.ok((small as { $ref: string }).$ref in tests);
      }
    }
  });
});
