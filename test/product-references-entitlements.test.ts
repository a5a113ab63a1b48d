import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { creditEntitlement, entitlement, meter } from './support/catalog-factories.ts';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { failure } from './support/sdk-errors.ts';
import { useServer } from './support/server.ts';

const server = useServer();

type Attach = DodoPayments.AttachCreditEntitlement;

const usageBased = (meters: NonNullable<DodoPayments.Price.UsageBasedPrice['meters']>, credits: Attach[]) =>
  usageBasedProduct({
    price: { ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice), meters },
    credit_entitlements: credits,
  });

describe('what a product points at: credit entitlements and entitlements', () => {
  test('an attached credit entitlement shows its name and unit, the settings sent, and its own for the rest', async () => {
    const client = server().client();
    const credits = await client.creditEntitlements.create(
      creditEntitlement({
        overage_enabled: true,
        price_per_unit: '0.5',
        currency: 'USD',
        expires_after_days: 30,
        rollover_enabled: true,
        rollover_percentage: 25,
      }),
    );
    const product = await client.products.create(
      recurringProduct({
        credit_entitlements: [
          { credit_entitlement_id: credits.id, credits_amount: '1000.50', rollover_percentage: 80, trial_credits: '5' },
        ],
      }),
    );
    const [mapping] = product.credit_entitlements;
    assert.ok(mapping);
    assert.match(mapping.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...mapping, id: undefined },
      {
        id: undefined,
        credit_entitlement_id: credits.id,
        credit_entitlement_name: 'Tokens',
        credit_entitlement_unit: 'tokens',
        credits_amount: '1000.50',
        currency: 'USD',
        expires_after_days: 30,
        low_balance_threshold_percent: null,
        max_rollover_count: null,
        overage_behavior: 'forgive_at_reset',
        overage_enabled: true,
        overage_limit: null,
        price_per_unit: '0.5',
        proration_behavior: 'prorate',
        rollover_enabled: true,
        rollover_percentage: 80,
        rollover_timeframe_count: null,
        rollover_timeframe_interval: null,
        trial_credits: '5',
        trial_credits_expire_after_trial: false,
      },
    );

    await client.creditEntitlements.update(credits.id, { name: 'Model tokens', expires_after_days: 90 });
    const after = await client.products.retrieve(product.product_id);
    assert.equal(after.credit_entitlements[0]?.credit_entitlement_name, 'Model tokens', 'the name is read live');
    assert.equal(after.credit_entitlements[0]?.expires_after_days, 30, 'settings are those the product was given');
  });

  test('credit entitlements must exist here, not be deleted, not repeat, and number at most 5', async () => {
    const client = server().client();
    const attach = (id: string): Attach => ({ credit_entitlement_id: id, credits_amount: '10' });
    const deleted = await client.creditEntitlements.create(creditEntitlement());
    await client.creditEntitlements.delete(deleted.id);
    const theirs = await (await server().newTenant('test')).client.creditEntitlements.create(creditEntitlement());
    const six: string[] = [];
    for (let i = 0; i < 6; i++) six.push((await client.creditEntitlements.create(creditEntitlement())).id);
    for (const [list, code] of [
      [['cde_unknown'], 'MISSING_CREDIT_ENTITLEMENT_IDS'],
      [[theirs.id], 'MISSING_CREDIT_ENTITLEMENT_IDS'],
      [[deleted.id], 'CREDIT_ENTITLEMENT_IS_DELETED'],
      [[six[0]!, six[0]!], 'DUPLICATE_CREDIT_ENTITLEMENT_IDS_IN_REQUEST'],
      [six, 'INVALID_REQUEST_BODY'],
    ] as const) {
      const call = client.products.create(oneTimeProduct({ credit_entitlements: list.map(attach) }));
      assert.deepEqual(await failure(call), { status: 422, code }, `${list.length} ids: ${code}`);
    }
    const product = await client.products.create(oneTimeProduct({ credit_entitlements: six.slice(0, 5).map(attach) }));
    assert.deepEqual(
      product.credit_entitlements.map((c) => c.credit_entitlement_id),
      six.slice(0, 5),
      'in request order',
    );
  });

  test('an attachment follows the credit rules once resolved, and its amounts respect the precision', async () => {
    const client = server().client();
    const plain = await client.creditEntitlements.create(creditEntitlement({ precision: 0 }));
    for (const extra of [
      { credits_amount: '10.5' },
      { credits_amount: '10', trial_credits: '0.1' },
      { credits_amount: '10', price_per_unit: '2' },
      { credits_amount: '10', overage_enabled: true },
      { credits_amount: '10', rollover_timeframe_interval: 'Month' as const },
    ]) {
      const call = client.products.create(
        oneTimeProduct({ credit_entitlements: [{ credit_entitlement_id: plain.id, ...extra }] }),
      );
      assert.deepEqual(await failure(call), { status: 422, code: 'INVALID_REQUEST_BODY' }, JSON.stringify(extra));
    }
    const ok = await client.products.create(
      oneTimeProduct({
        credit_entitlements: [
          {
            credit_entitlement_id: plain.id,
            credits_amount: '10',
            overage_enabled: true,
            price_per_unit: '2',
            currency: 'INR',
          },
        ],
      }),
    );
    assert.equal(ok.credit_entitlements[0]?.overage_enabled, true);
  });

  test('PATCH replaces the attachments when given, [] removes them, and null or absent keeps them', async () => {
    const client = server().client();
    const [a, b] = [
      await client.creditEntitlements.create(creditEntitlement()),
      await client.creditEntitlements.create(creditEntitlement({ name: 'Minutes', unit: 'min' })),
    ];
    const [x, y] = [await client.entitlements.create(entitlement()), await client.entitlements.create(entitlement())];
    const product = await client.products.create(
      recurringProduct({
        credit_entitlements: [{ credit_entitlement_id: a.id, credits_amount: '1' }],
        entitlements: [{ entitlement_id: x.id }],
      }),
    );
    const shown = async () => {
      const p = await client.products.retrieve(product.product_id);
      return [p.credit_entitlements.map((c) => c.credit_entitlement_id), p.entitlements.map((e) => e.id)];
    };
    await client.products.update(product.product_id, { name: 'Renamed' });
    await client.products.update(product.product_id, { credit_entitlements: null, entitlements: null });
    assert.deepEqual(await shown(), [[a.id], [x.id]]);
    await client.products.update(product.product_id, {
      credit_entitlements: [
        { credit_entitlement_id: b.id, credits_amount: '2' },
        { credit_entitlement_id: a.id, credits_amount: '3' },
      ],
      entitlements: [{ entitlement_id: y.id }, { entitlement_id: x.id }],
    });
    assert.deepEqual(await shown(), [
      [b.id, a.id],
      [y.id, x.id],
    ]);
    await client.products.update(product.product_id, { credit_entitlements: [], entitlements: [] });
    assert.deepEqual(await shown(), [[], []]);
  });

  test('a meter billed in credits names a credit entitlement attached to the same product', async () => {
    const client = server().client();
    const calls = await client.meters.create(meter());
    const credits = await client.creditEntitlements.create(creditEntitlement());
    const other = await client.creditEntitlements.create(creditEntitlement());
    const billed = { meter_id: calls.id, credit_entitlement_id: credits.id, meter_units_per_credit: '10' };
    const attached = [{ credit_entitlement_id: credits.id, credits_amount: '100' }];

    assert.deepEqual(await failure(client.products.create(usageBased([billed], []))), {
      status: 422,
      code: 'CREDIT_ENTITLEMENT_NOT_ATTACHED',
    });
    const missingRate = { meter_id: calls.id, credit_entitlement_id: credits.id };
    assert.deepEqual(await failure(client.products.create(usageBased([missingRate], attached))), {
      status: 422,
      code: 'INVALID_REQUEST_BODY',
    });
    const product = await client.products.create(usageBased([billed], attached));
    assert.equal((product.price as DodoPayments.Price.UsageBasedPrice).meters?.[0]?.credit_entitlement_id, credits.id);

    const swap = client.products.update(product.product_id, {
      credit_entitlements: [{ credit_entitlement_id: other.id, credits_amount: '1' }],
    });
    assert.deepEqual(
      await failure(swap),
      { status: 422, code: 'CREDIT_ENTITLEMENT_NOT_ATTACHED' },
      'stored meters count',
    );
    assert.deepEqual(
      (await client.products.retrieve(product.product_id)).credit_entitlements.map((c) => c.credit_entitlement_id),
      [credits.id],
      'a refused PATCH changes nothing',
    );

    // A PATCH that names no credit entitlements checks its new price against those already attached.
    const price = (meters: DodoPayments.Price.UsageBasedPrice['meters']) =>
      ({ ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice), meters }) as DodoPayments.Price;
    await client.products.update(product.product_id, { price: price([{ ...billed, meter_units_per_credit: '20' }]) });
    assert.deepEqual(
      await failure(
        client.products.update(product.product_id, { price: price([{ ...billed, credit_entitlement_id: other.id }]) }),
      ),
      { status: 422, code: 'CREDIT_ENTITLEMENT_NOT_ATTACHED' },
      'attached ones count',
    );
  });

  test('entitlements must exist here, not repeat, and number at most 50; products and list items show them', async () => {
    const client = server().client();
    const license = await client.entitlements.create(
      entitlement({ name: 'Keys', integration_type: 'license_key', integration_config: { activations_limit: 2 } }),
    );
    const gone = await client.entitlements.create(entitlement());
    await client.entitlements.delete(gone.id);
    const theirs = await (await server().newTenant('test')).client.entitlements.create(entitlement());
    for (const [ids, code] of [
      [['ent_unknown'], 'MISSING_ENTITLEMENT_IDS'],
      [[gone.id], 'MISSING_ENTITLEMENT_IDS'],
      [[theirs.id], 'MISSING_ENTITLEMENT_IDS'],
      [[license.id, license.id], 'DUPLICATE_ENTITLEMENT_IDS_IN_REQUEST'],
      [Array.from({ length: 51 }, (_, i) => `ent_${i}`), 'INVALID_REQUEST_BODY'],
    ] as const) {
      const call = client.products.create(oneTimeProduct({ entitlements: ids.map((id) => ({ entitlement_id: id })) }));
      assert.deepEqual(await failure(call), { status: 422, code }, code);
    }
    const first = await client.products.create(oneTimeProduct({ entitlements: [{ entitlement_id: license.id }] }));
    const second = await client.products.create(recurringProduct());
    const summary = {
      id: license.id,
      name: 'Keys',
      description: null,
      integration_type: 'license_key',
      integration_config: license.integration_config,
    };
    assert.deepEqual(first.entitlements, [summary]);
    const listed = await client.products.list({ page_number: 0, page_size: 100 });
    const byId = new Map(listed.items.map((p) => [p.product_id, p.entitlements]));
    assert.deepEqual(byId.get(first.product_id), [summary]);
    assert.deepEqual(byId.get(second.product_id), []);
  });

  test('a deleted entitlement leaves every product it was attached to', async () => {
    const client = server().client();
    const flag = await client.entitlements.create(entitlement());
    const product = await client.products.create(oneTimeProduct({ entitlements: [{ entitlement_id: flag.id }] }));
    await client.entitlements.delete(flag.id);
    assert.deepEqual((await client.products.retrieve(product.product_id)).entitlements, []);
  });

  test('a refused product writes nothing, even when some of what it names was fine', async () => {
    const { client } = await server().newTenant('test');
    const credits = await client.creditEntitlements.create(creditEntitlement());
    const call = client.products.create(
      oneTimeProduct({
        credit_entitlements: [{ credit_entitlement_id: credits.id, credits_amount: '1' }],
        entitlements: [{ entitlement_id: 'ent_unknown' }],
      }),
    );
    assert.equal((await failure(call)).code, 'MISSING_ENTITLEMENT_IDS');
    assert.deepEqual((await client.products.list({ page_number: 0 })).items, []);
  });
});
