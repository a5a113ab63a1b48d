import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSpecValidator, inCI, locateSpec, specAvailable } from './spec-validator.ts';

// Hand-built from the spec's GetProductResponse: every required key, nullable ones null.
function productBody(): Record<string, unknown> {
  return {
    product_id: 'pdt_x',
    business_id: 'bus_x',
    brand_id: 'bus_x',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    is_recurring: false,
    tax_category: 'saas',
    price: {
      type: 'one_time_price',
      price: 1000,
      currency: 'USD',
      discount: 0,
      purchasing_power_parity: false,
    },
    license_key_enabled: false,
    metadata: { plan: 'pro', seats: 5 },
    credit_entitlements: [],
    entitlements: [],
    addons: null,
    description: null,
    digital_product_delivery: null,
    image: null,
    license_key_activation_message: null,
    license_key_activations_limit: null,
    license_key_duration: null,
    name: null,
    pricing_mode: null,
    product_collection_id: null,
  };
}

describe('error bodies, checked with or without the spec', () => {
  it('accepts {code, message} on any status and path', () => {
    const v = createSpecValidator();
    assert.deepEqual(v.check('DELETE', '/nope/nothing', 418, { code: 'X', message: 'y' }), []);
    assert.deepEqual(v.violations, []);
  });

  it('reports an error body that is not exactly {code, message}', () => {
    const v = createSpecValidator();
    for (const body of [{ code: 'NOT_FOUND' }, { message: 'x' }, { code: 'X', message: 'y', extra: 1 }, 'text', null]) {
      assert.equal(v.check('GET', '/products/pdt_x', 404, body).length, 1, JSON.stringify(body));
    }
    assert.equal(v.violations.length, 5);
  });

  it('reports an error answered without a body, through wrapFetch', async () => {
    const v = createSpecValidator();
    const inner = (async () => new Response(null, { status: 500 })) as typeof fetch;
    await v.wrapFetch(inner)('http://localhost/products/pdt_x', { method: 'DELETE' });
    assert.equal(v.violations.length, 1);
    // HEAD has no body by definition.
    await v.wrapFetch(inner)('http://localhost/products/pdt_x', { method: 'HEAD' });
    assert.equal(v.violations.length, 1);
  });
});

describe('a missing spec file', () => {
  const nowhere = mkdtempSync(join(tmpdir(), 'pricebook-no-spec-'));
  after(() => rmSync(nowhere, { recursive: true, force: true }));

  it('fails in CI', () => {
    assert.throws(() => locateSpec(nowhere, { CI: 'true' }, assert.fail), /CI=true .*dodo-openapi\.json/);
  });

  it('prints one line outside CI', () => {
    const lines: string[] = [];
    for (const env of [{}, { CI: 'false' }, { CI: '0' }]) {
      assert.equal(
        locateSpec(nowhere, env, (line) => lines.push(line)),
        undefined,
      );
    }
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^spec checks skipped: .*dodo-openapi\.json/);
  });

  it('reads CI as CI services set it', () => {
    assert.deepEqual(
      ['true', '1', 'yes', '', '0', 'false', undefined].map((CI) => inCI({ CI })),
      [true, true, true, false, false, false, false],
    );
  });
});

// Without ../shared/reference/dodo-openapi.json there is nothing to check against (the README says so);
// in CI that file's absence fails at import, so this cannot be skipped there.
describe('spec validator', { skip: !specAvailable && 'the official spec is not beside the repository' }, () => {
  it('accepts a valid product', () => {
    const v = createSpecValidator();
    assert.deepEqual(v.check('GET', '/products/pdt_x', 200, productBody()), []);
    assert.deepEqual(v.violations, []);
  });

  it('reports a missing required key', () => {
    const v = createSpecValidator();
    const { business_id: _, ...body } = productBody();
    const messages = v.check('get', 'http://127.0.0.1:3000/products/pdt_x?x=1', 200, body);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /^GET \/products\/pdt_x 200: .*business_id/);
    assert.deepEqual(v.violations, messages);
  });

  it('reports a wrong enum value', () => {
    const v = createSpecValidator();
    const messages = v.check('GET', '/products/pdt_x', 200, { ...productBody(), tax_category: 'nope' });
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /tax_category/);
  });

  it('prefers /products/short_links over /products/{id}', () => {
    const v = createSpecValidator();
    const link = {
      product_id: 'pdt_x',
      short_url: 'https://x/s',
      full_url: 'https://x/f',
      created_at: '2025-01-01T00:00:00Z',
    };
    assert.deepEqual(v.check('GET', '/products/short_links', 200, { items: [link] }), []);
    // A product body is wrong for the short-links operation.
    assert.equal(v.check('GET', '/products/short_links', 200, productBody()).length, 1);
  });

  it('ignores unknown paths and statuses without a schema', () => {
    const v = createSpecValidator();
    assert.deepEqual(v.check('GET', '/nope/nothing', 200, { anything: true }), []);
    assert.deepEqual(
      v.check('GET', '/products/pdt_x', 404, { code: 'NOT_FOUND', message: 'product pdt_x not found' }),
      [],
    );
    assert.deepEqual(v.violations, []);
  });

  it('checks JSON responses through wrapFetch without throwing', async () => {
    const v = createSpecValidator();
    const inner = (async () =>
      new Response(JSON.stringify({ ...productBody(), tax_category: 'nope' }), {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      })) as typeof fetch;
    const res = await v.wrapFetch(inner)('http://localhost/products/pdt_x', { method: 'GET' });
    assert.equal(((await res.json()) as { tax_category: string }).tax_category, 'nope');
    assert.equal(v.violations.length, 1);
  });
});
