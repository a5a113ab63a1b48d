import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type DodoPayments from 'dodopayments';
import { addon, creditEntitlement, meter } from './support/catalog-factories.ts';
import { recurringProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

type MeterOnPrice = NonNullable<DodoPayments.Price.UsageBasedPrice['meters']>[number];

function withMeters(meters: MeterOnPrice[]): DodoPayments.ProductCreateParams {
  return usageBasedProduct({ price: { ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice), meters } });
}

describe('collection items show what their product points at', () => {
  test('addons_count, meters_count and has_credit_entitlements come from the product as it is now', async () => {
    const client = server().client();
    const seat = await client.addons.create(addon());
    const calls = await client.meters.create(meter());
    const tokens = await client.meters.create(meter({ name: 'Tokens' }));
    const credits = await client.creditEntitlements.create(creditEntitlement());
    const subscription = await client.products.create(recurringProduct({ addons: [seat.id] }));
    const metered = await client.products.create({
      ...withMeters([
        { meter_id: calls.id, price_per_unit: '1' },
        { meter_id: tokens.id, price_per_unit: '2' },
      ]),
      credit_entitlements: [{ credit_entitlement_id: credits.id, credits_amount: '10' }],
    });
    const collection = await client.productCollections.create({
      name: 'Plans',
      groups: [{ products: [{ product_id: subscription.product_id }, { product_id: metered.product_id }] }],
    });
    const shown = async () =>
      (await client.productCollections.retrieve(collection.id)).groups[0]?.products.map((item) => [
        item.addons_count,
        item.meters_count,
        item.has_credit_entitlements,
      ]);
    assert.deepEqual(await shown(), [
      [1, 0, false],
      [0, 2, true],
    ]);
    await client.products.update(metered.product_id, { credit_entitlements: [] });
    assert.deepEqual((await shown())?.[1], [0, 2, false]);
  });
});
