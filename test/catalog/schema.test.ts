import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { catalogJsonSchema } from '../../src/catalog/json-schema.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';

const EXAMPLE = 'docs/examples/catalog/catalog.yaml';

function writeCatalog(text: string, name = 'catalog.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'catalog-')), name);
  writeFileSync(file, text);
  return file;
}

describe('the catalog file', () => {
  test('docs/catalog.schema.json is what the TypeBox declarations generate (npm run catalog-schema)', () => {
    assert.equal(readFileSync('docs/catalog.schema.json', 'utf8'), catalogJsonSchema());
  });

  test('the documented example loads, its images and files read by content', () => {
    const { entries, assets } = loadCatalog(EXAMPLE);
    assert.deepEqual(
      entries.products.map((p) => p.key),
      ['pro-monthly', 'api-usage', 'handbook', 'legacy-plan'],
    );
    const image = entries.products[0]?.image as string;
    assert.match(image, /^[0-9a-f]{64}$/);
    assert.ok(assets.get(image)?.subarray(1, 4).equals(Buffer.from('PNG')));
  });

  test('JSON with the same shape loads as YAML does', () => {
    const json = writeCatalog(
      JSON.stringify({
        version: 1,
        meters: [{ key: 'm', name: 'M', event_name: 'e', measurement_unit: 'u', aggregation: { type: 'count' } }],
      }),
      'catalog.json',
    );
    assert.equal(loadCatalog(json).entries.meters[0]?.name, 'M');
  });

  test('a file that does not match the schema is refused with the place of each mistake', () => {
    const file = writeCatalog('version: 1\nproducts:\n  - key: p\n    name: P\n    tax_category: food\n');
    assert.throws(() => loadCatalog(file), /does not match the catalog schema:\n.*\/products\/0/s);
  });

  test('a key used twice, or a reference to a key the file lacks, is refused', () => {
    const meter = '{ key: m, name: M, event_name: e, measurement_unit: u, aggregation: { type: count } }';
    assert.throws(
      () => loadCatalog(writeCatalog(`version: 1\nmeters: [${meter}, ${meter}]\n`)),
      /meters key "m" is used twice/,
    );
    const product =
      'version: 1\nproducts:\n  - { key: p, name: P, tax_category: saas, addons: [nope], price: { type: one_time_price, price: 1, currency: USD } }\n';
    assert.throws(
      () => loadCatalog(writeCatalog(product)),
      /"p" refers to addons "nope", which the file does not hold/,
    );
  });

  test('an image path that cannot be read is named in the error', () => {
    const file = writeCatalog(
      'version: 1\naddons:\n  - { key: a, name: A, price: 1, currency: USD, tax_category: saas, image: missing.png }\n',
    );
    assert.throws(() => loadCatalog(file), /missing\.png cannot be read/);
  });
});
