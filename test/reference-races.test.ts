import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { creditEntitlement, entitlement, meter } from './support/catalog-factories.ts';
import { newProducts } from './support/collections.ts';
import { oneTimeProduct, usageBasedProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

// Each test fires a change to what products and collections point at (a brand archive, a meter archive, a
// delete) together with a request that points at it, round after round, and checks what users could see.
// SQLite runs one transaction at a time, so nothing can interleave there: the races are run on PostgreSQL only.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const skip = onPostgres ? false : 'cross-resource races need PostgreSQL: set TEST_DATABASE_URL';
if (skip) console.log(`# reference-races: skipped, ${skip}`);

const ROUNDS = 30;
const server = useServer();

interface Outcome {
  status: number;
  code: string;
}

/** How a request ended: 200 when the SDK resolved, else the status and error code of the answer. */
async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return { status: 200, code: '' };
  } catch (error) {
    if (!(error instanceof DodoPayments.APIError)) throw error;
    return { status: error.status ?? 0, code: (error.error as { code?: string } | undefined)?.code ?? '' };
  }
}

/** Both calls, started together. */
function race(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Outcome, Outcome]> {
  return Promise.all([outcome(a()), outcome(b())]);
}

/** The call either succeeded or was refused with `code` (422): never a 5xx or another error. */
function succeededOrRefused(result: Outcome, code: string, what: string): boolean {
  if (result.status === 200) return true;
  assert.deepEqual(result, { status: 422, code }, what);
  return false;
}

async function newBrand(client: DodoPayments): Promise<string> {
  return (await client.brands.create({ name: 'Racing brand' })).brand_id;
}

/** Every product and collection, archived or not, that still names the brand. */
async function holdersOf(client: DodoPayments, brandId: string): Promise<string[]> {
  const found: string[] = [];
  for (const archived of [false, true]) {
    const products = await client.products.list({ brand_id: brandId, archived, page_size: 100 });
    found.push(...products.items.map((p) => p.product_id));
    const collections = await client.productCollections.list({ brand_id: brandId, archived, page_size: 100 });
    found.push(...collections.items.map((c) => c.id));
  }
  return found;
}

/** A business of its own for each test, so that lists see only what the test made. */
function tenant(): Promise<{ businessId: string; client: DodoPayments }> {
  return server().newTenant('test');
}

/** The archive of `brandId` into the business's primary brand, ready to start. */
function archiveInto(business: { businessId: string; client: DodoPayments }, brandId: string) {
  return () => business.client.brands.archive(brandId, { move_products_to: business.businessId });
}

/** Runs `round` ROUNDS times and returns how many rounds let the second request through. */
async function rounds(round: () => Promise<boolean>): Promise<number> {
  let through = 0;
  for (let i = 0; i < ROUNDS; i++) if (await round()) through++;
  return through;
}

describe('a brand archived while something points at it', { skip }, () => {
  test('collection create: the collection never lands on the archived brand', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const brand = await newBrand(client);
      const [product] = await newProducts(client, 1, { brand_id: brand });
      const [archived, created] = await race(archiveInto(business, brand), () =>
        client.productCollections.create({
          name: 'Plans',
          brand_id: brand,
          groups: [{ products: [{ product_id: product! }] }],
        }),
      );
      assert.equal(archived.status, 200, 'the archive succeeds');
      // Refused when the product has already moved (BRAND_MISMATCH comes after the brand check otherwise).
      if (created.status !== 200) assert.deepEqual(created, { status: 422, code: 'BRAND_NOT_ENABLED' });
      assert.deepEqual(await holdersOf(client, brand), [], 'nothing is left on the archived brand');
      return created.status === 200;
    });
  });

  test('collection brand change: the collection never moves onto the archived brand', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const [from, to] = [await newBrand(client), await newBrand(client)];
      const [product] = await newProducts(client, 1, { brand_id: from });
      const collection = await client.productCollections.create({
        name: 'Plans',
        brand_id: from,
        groups: [{ products: [{ product_id: product! }] }],
      });
      // The product goes first, so that the collection may follow it.
      await client.products.update(product!, { brand_id: to });
      const [archived, changed] = await race(archiveInto(business, to), () =>
        client.productCollections.update(collection.id, { brand_id: to }),
      );
      assert.equal(archived.status, 200, 'the archive succeeds');
      succeededOrRefused(changed, 'BRAND_NOT_ENABLED', 'the brand change');
      assert.deepEqual(await holdersOf(client, to), [], 'nothing is left on the archived brand');
      return changed.status === 200;
    });
  });

  test('product create: the product never lands on the archived brand', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const brand = await newBrand(client);
      const [archived, created] = await race(archiveInto(business, brand), () =>
        client.products.create(oneTimeProduct({ brand_id: brand })),
      );
      assert.equal(archived.status, 200, 'the archive succeeds');
      succeededOrRefused(created, 'BRAND_NOT_ENABLED', 'the product create');
      assert.deepEqual(await holdersOf(client, brand), [], 'nothing is left on the archived brand');
      return created.status === 200;
    });
  });

  test('product PATCH: the product never moves onto the archived brand', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const brand = await newBrand(client);
      const [product] = await newProducts(client, 1);
      const [archived, changed] = await race(archiveInto(business, brand), () =>
        client.products.update(product!, { brand_id: brand }),
      );
      // With nothing on it when the archive starts, the brand may be archived without a target.
      assert.equal(archived.status, 200, 'the archive succeeds');
      succeededOrRefused(changed, 'BRAND_NOT_ENABLED', 'the product PATCH');
      assert.deepEqual(await holdersOf(client, brand), [], 'nothing is left on the archived brand');
      return changed.status === 200;
    });
  });
});

type MeterOnPrice = NonNullable<DodoPayments.Price.UsageBasedPrice['meters']>[number];

function meteredProduct(meterId: string): DodoPayments.ProductCreateParams {
  const meters: MeterOnPrice[] = [{ meter_id: meterId, price_per_unit: '0.5' }];
  return usageBasedProduct({ price: { ...(usageBasedProduct().price as DodoPayments.Price.UsageBasedPrice), meters } });
}

/** The meters a product's price names. */
async function metersOf(client: DodoPayments, productId: string): Promise<string[]> {
  const product = await client.products.retrieve(productId);
  return ((product.price as DodoPayments.Price.UsageBasedPrice).meters ?? []).map((m) => m.meter_id);
}

/**
 * An archived meter or a deleted credit entitlement stays on the products that had it (the spec keeps them), so
 * a product written just before the archive is a valid end. What must hold: the archive and the write are
 * ordered, each either lands whole or is refused with its documented code, and a refused write leaves nothing.
 */
describe('a meter archived while a product names it', { skip }, () => {
  test('product create', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const { id } = await client.meters.create(meter());
      const before = (await client.products.list({ page_size: 100 })).items.length;
      const [archived, created] = await race(
        () => client.meters.archive(id),
        () => client.products.create(meteredProduct(id)),
      );
      assert.equal(archived.status, 200, 'the archive succeeds');
      const through = succeededOrRefused(created, 'METER_IS_DELETED', 'the product create');
      const after = (await client.products.list({ page_size: 100 })).items.length;
      assert.equal(after, before + (through ? 1 : 0), 'a refused product is not written');
      return through;
    });
  });

  test('product PATCH', async () => {
    const business = await tenant();
    const { client } = business;
    const { id: first } = await client.meters.create(meter());
    const product = await client.products.create(meteredProduct(first));
    await rounds(async () => {
      const { id } = await client.meters.create(meter());
      const [archived, changed] = await race(
        () => client.meters.archive(id),
        () => client.products.update(product.product_id, { price: meteredProduct(id).price }),
      );
      assert.equal(archived.status, 200, 'the archive succeeds');
      const through = succeededOrRefused(changed, 'METER_IS_DELETED', 'the product PATCH');
      if (!through)
        assert.notDeepEqual(await metersOf(client, product.product_id), [id], 'a refused PATCH changes nothing');
      return through;
    });
  });
});

describe('a credit entitlement deleted while a product attaches it', { skip }, () => {
  test('product create', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const { id } = await client.creditEntitlements.create(creditEntitlement());
      const [deleted, created] = await race(
        () => client.creditEntitlements.delete(id),
        () =>
          client.products.create(
            oneTimeProduct({ credit_entitlements: [{ credit_entitlement_id: id, credits_amount: '10' }] }),
          ),
      );
      assert.equal(deleted.status, 200, 'the delete succeeds');
      return succeededOrRefused(created, 'CREDIT_ENTITLEMENT_IS_DELETED', 'the product create');
    });
  });
});

/** An entitlement's delete takes it off every product, so no product may hold a deleted one. */
describe('an entitlement deleted while a product attaches it', { skip }, () => {
  async function entitlementsOf(client: DodoPayments, productId: string): Promise<string[]> {
    return (await client.products.retrieve(productId)).entitlements.map((e) => e.id);
  }

  test('product create', async () => {
    const business = await tenant();
    const { client } = business;
    await rounds(async () => {
      const { id } = await client.entitlements.create(entitlement());
      let productId = '';
      const [deleted, created] = await race(
        () => client.entitlements.delete(id),
        async () => {
          productId = (await client.products.create(oneTimeProduct({ entitlements: [{ entitlement_id: id }] })))
            .product_id;
        },
      );
      assert.equal(deleted.status, 200, 'the delete succeeds');
      const through = succeededOrRefused(created, 'MISSING_ENTITLEMENT_IDS', 'the product create');
      if (through)
        assert.deepEqual(await entitlementsOf(client, productId), [], 'the deleted entitlement is off the product');
      return through;
    });
  });

  test('product PATCH', async () => {
    const business = await tenant();
    const { client } = business;
    const [product] = await newProducts(client, 1);
    await rounds(async () => {
      const { id } = await client.entitlements.create(entitlement());
      const [deleted, changed] = await race(
        () => client.entitlements.delete(id),
        () => client.products.update(product!, { entitlements: [{ entitlement_id: id }] }),
      );
      assert.equal(deleted.status, 200, 'the delete succeeds');
      const through = succeededOrRefused(changed, 'MISSING_ENTITLEMENT_IDS', 'the product PATCH');
      assert.deepEqual(await entitlementsOf(client, product!), [], 'the deleted entitlement is off the product');
      return through;
    });
  });
});
