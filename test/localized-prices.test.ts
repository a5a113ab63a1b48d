import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConflictError, NotFoundError, UnprocessableEntityError } from 'dodopayments';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

type PricingMode = 'by_currency' | 'by_country' | null;

async function newProduct(pricingMode: PricingMode) {
  return (
    await server()
      .client()
      .products.create(oneTimeProduct({ pricing_mode: pricingMode }))
  ).product_id;
}

async function activeRules(productId: string) {
  return (await server().client().products.localizedPrices.list(productId)).items;
}

const codeOf = (error: unknown) => (error as { error: { code: string } }).error.code;

describe('localized prices', () => {
  test('a rule goes through create, retrieve, list, update and an idempotent archive', async () => {
    const prices = server().client().products.localizedPrices;
    const productId = await newProduct('by_currency');
    const created = await prices.create(productId, { currency: 'EUR', amount: 1400 });
    assert.match(created.id, /^lcp_[0-9A-Za-z]{21}$/);
    assert.deepEqual(
      { ...created, created_at: undefined, updated_at: undefined, id: undefined },
      {
        product_id: productId,
        mode: 'by_currency',
        currency: 'EUR',
        amount: 1400,
        country_code: null,
        id: undefined,
        created_at: undefined,
        updated_at: undefined,
      },
    );
    assert.deepEqual(await prices.retrieve(created.id, { product_id: productId }), created);

    const updated = await prices.update(created.id, { product_id: productId, amount: 1300 });
    assert.equal(updated.amount, 1300);
    assert.equal((await prices.update(created.id, { product_id: productId, amount: null })).amount, 1300);
    assert.deepEqual(
      (await activeRules(productId)).map((r) => r.amount),
      [1300],
    );

    await prices.archive(created.id, { product_id: productId });
    await prices.archive(created.id, { product_id: productId });
    assert.deepEqual(await activeRules(productId), []);
    await assert.rejects(prices.retrieve(created.id, { product_id: productId }), NotFoundError);
    await assert.rejects(prices.update(created.id, { product_id: productId, amount: 1 }), NotFoundError);
    await assert.rejects(prices.archive('lcp_missing', { product_id: productId }), NotFoundError);
  });

  test('the product pricing_mode must be set first', async () => {
    const productId = await newProduct(null);
    await assert.rejects(
      server().client().products.localizedPrices.create(productId, { currency: 'EUR', amount: 100 }),
      (error) => error instanceof UnprocessableEntityError && codeOf(error) === 'PRODUCT_PRICING_MODE_REQUIRED',
    );
  });

  test('country_code is required by_country and refused by_currency', async () => {
    const prices = server().client().products.localizedPrices;
    const byCountry = await newProduct('by_country');
    const byCurrency = await newProduct('by_currency');
    for (const [productId, body] of [
      [byCountry, { currency: 'INR', amount: 500 }],
      [byCurrency, { currency: 'INR', amount: 500, country_code: 'IN' }],
    ] as const) {
      await assert.rejects(
        prices.create(productId, body),
        (error) => error instanceof UnprocessableEntityError && codeOf(error) === 'LOCALIZED_PRICE_SHAPE_MISMATCH',
      );
    }
    const rule = await prices.create(byCountry, { currency: 'INR', amount: 500, country_code: 'IN' });
    assert.equal(rule.country_code, 'IN');
    assert.equal(rule.mode, 'by_country');
  });

  test('a by_currency rule cannot repeat the base currency', async () => {
    const productId = await newProduct('by_currency');
    await assert.rejects(
      server().client().products.localizedPrices.create(productId, { currency: 'USD', amount: 900 }),
      (error) => error instanceof UnprocessableEntityError && codeOf(error) === 'LOCALIZED_PRICE_DUPLICATES_BASE',
    );
  });

  test('one active rule per currency or per country: 409, and free again once archived', async () => {
    const prices = server().client().products.localizedPrices;
    const byCurrency = await newProduct('by_currency');
    const first = await prices.create(byCurrency, { currency: 'EUR', amount: 1000 });
    await assert.rejects(
      prices.create(byCurrency, { currency: 'EUR', amount: 1100 }),
      (error) => error instanceof ConflictError && codeOf(error) === 'LOCALIZED_PRICE_ALREADY_EXISTS',
    );
    await prices.archive(first.id, { product_id: byCurrency });
    await prices.create(byCurrency, { currency: 'EUR', amount: 1100 });

    const byCountry = await newProduct('by_country');
    await prices.create(byCountry, { currency: 'EUR', amount: 1000, country_code: 'DE' });
    await prices.create(byCountry, { currency: 'EUR', amount: 1000, country_code: 'FR' });
    await assert.rejects(
      prices.create(byCountry, { currency: 'CHF', amount: 1000, country_code: 'DE' }),
      (error) => error instanceof ConflictError && codeOf(error) === 'LOCALIZED_PRICE_ALREADY_EXISTS',
    );
  });

  test('changing pricing_mode archives the rules of the other mode; clearing it archives all', async () => {
    const client = server().client();
    const prices = client.products.localizedPrices;
    const productId = await newProduct('by_currency');
    const eur = await prices.create(productId, { currency: 'EUR', amount: 1000 });

    await client.products.update(productId, { pricing_mode: 'by_currency' });
    assert.deepEqual(
      (await activeRules(productId)).map((r) => r.id),
      [eur.id],
      'the same mode keeps them',
    );

    await client.products.update(productId, { pricing_mode: 'by_country' });
    assert.deepEqual(await activeRules(productId), []);
    await assert.rejects(prices.retrieve(eur.id, { product_id: productId }), NotFoundError);
    const de = await prices.create(productId, { currency: 'EUR', amount: 1000, country_code: 'DE' });
    assert.equal(de.mode, 'by_country');

    await client.products.update(productId, { name: 'Renamed' });
    assert.equal((await activeRules(productId)).length, 1, 'a PATCH that leaves pricing_mode out keeps them');

    await client.products.update(productId, { pricing_mode: null });
    assert.deepEqual(await activeRules(productId), []);
    assert.equal((await client.products.retrieve(productId)).pricing_mode, null);
  });

  test('moving the base currency onto a by_currency rule archives that rule', async () => {
    const client = server().client();
    const productId = await newProduct('by_currency');
    await client.products.localizedPrices.create(productId, { currency: 'EUR', amount: 1000 });
    const gbp = await client.products.localizedPrices.create(productId, { currency: 'GBP', amount: 900 });
    await client.products.update(productId, { price: { ...oneTimeProduct().price, currency: 'EUR' } });
    assert.deepEqual(
      (await activeRules(productId)).map((r) => r.id),
      [gbp.id],
    );
  });

  test('rules of an unknown product, or of another product, are 404', async () => {
    const prices = server().client().products.localizedPrices;
    await assert.rejects(prices.list('pdt_missing'), NotFoundError);
    await assert.rejects(prices.create('pdt_missing', { currency: 'EUR', amount: 1 }), NotFoundError);
    const owner = await newProduct('by_currency');
    const rule = await prices.create(owner, { currency: 'EUR', amount: 1 });
    const other = await newProduct('by_currency');
    await assert.rejects(prices.retrieve(rule.id, { product_id: other }), NotFoundError);
  });

  test('amounts must be greater than zero', async () => {
    const productId = await newProduct('by_currency');
    await assert.rejects(
      server().client().products.localizedPrices.create(productId, { currency: 'EUR', amount: 0 }),
      UnprocessableEntityError,
    );
  });
});
