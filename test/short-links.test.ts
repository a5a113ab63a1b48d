import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConflictError, NotFoundError, UnprocessableEntityError } from 'dodopayments';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

async function newProduct(client = server().client()) {
  return (await client.products.create(oneTimeProduct())).product_id;
}

describe('short links', () => {
  test('a short link resolves on Pricebook: GET on short_url redirects to full_url', async () => {
    const client = server().client();
    const productId = await newProduct();
    const link = await client.products.shortLinks.create(productId, {
      slug: 'spring-sale',
      static_checkout_params: { quantity: '2', redirect_url: 'https://example.com/thanks?x=1' },
    });
    assert.equal(
      link.full_url,
      `https://test.checkout.dodopayments.com/buy/${productId}?quantity=2&redirect_url=https%3A%2F%2Fexample.com%2Fthanks%3Fx%3D1`,
    );
    assert.equal(link.short_url, `${server().url}/l/test/${server().businessId}/spring-sale`);
    const response = await fetch(link.short_url, { redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), link.full_url);
  });

  test('a slug is taken once per business and mode: 409 SLUG_ALREADY_TAKEN, another business may use it', async () => {
    const client = server().client();
    await client.products.shortLinks.create(await newProduct(), { slug: 'taken' });
    const again = client.products.shortLinks.create(await newProduct(), { slug: 'taken' });
    await assert.rejects(again, (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal((error.error as { code: string }).code, 'SLUG_ALREADY_TAKEN');
      return true;
    });
    const other = await server().newTenant();
    const link = await other.client.products.shortLinks.create(await newProduct(other.client), { slug: 'taken' });
    const response = await fetch(link.short_url, { redirect: 'manual' });
    assert.match(response.headers.get('location') ?? '', /\/buy\/pdt_/);
    const live = await server().keyFor(server().businessId, 'live');
    const liveClient = server().client(live.key);
    const liveLink = await liveClient.products.shortLinks.create(await newProduct(liveClient), { slug: 'taken' });
    assert.ok(liveLink.full_url.startsWith('https://checkout.dodopayments.com/buy/'), 'live mode uses live checkout');
  });

  test('slugs outside [A-Za-z0-9_-]{1,64} are refused with 422', async () => {
    const client = server().client();
    const productId = await newProduct();
    for (const slug of ['', 'has space', 'slash/slug', 'x'.repeat(65)]) {
      await assert.rejects(client.products.shortLinks.create(productId, { slug }), UnprocessableEntityError, slug);
    }
  });

  test('a short link for an unknown product is 404, and an unknown short URL is 404', async () => {
    await assert.rejects(
      server().client().products.shortLinks.create('pdt_missing', { slug: 'nowhere' }),
      NotFoundError,
    );
    assert.equal((await fetch(`${server().url}/l/test/${server().businessId}/nowhere`)).status, 404);
  });

  test('the list is paginated, newest first, and filters by product_id', async () => {
    const { client } = await server().newTenant();
    const first = await newProduct(client);
    const second = await newProduct(client);
    for (const [productId, slug] of [
      [first, 'a1'],
      [second, 'b1'],
      [first, 'a2'],
    ] as const) {
      await client.products.shortLinks.create(productId, { slug });
    }
    const all = await client.products.shortLinks.list({ page_number: 0, page_size: 100 });
    assert.deepEqual(
      all.items.map((l) => l.short_url.split('/').pop()),
      ['a2', 'b1', 'a1'],
    );
    const page = await client.products.shortLinks.list({ page_number: 1, page_size: 2 });
    assert.deepEqual(
      page.items.map((l) => l.short_url.split('/').pop()),
      ['a1'],
    );
    const ofFirst = await client.products.shortLinks.list({ page_number: 0, product_id: first });
    assert.deepEqual(
      ofFirst.items.map((l) => l.product_id),
      [first, first],
    );
  });
});
