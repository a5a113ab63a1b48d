import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { applyCatalogFile, planCatalog, statePathFor } from '../../src/catalog/apply.ts';
import { exportCatalog } from '../../src/catalog/export.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { StateFile } from '../../src/catalog/state.ts';
import { httpTarget } from '../../src/catalog/target.ts';
import { useServer } from '../support/server.ts';
import { seedCatalog } from './seed.ts';

const pull = async (url: string, key: string, dir: string) =>
  (await exportCatalog(httpTarget(url, key), join(mkdtempSync(join(tmpdir(), dir)), 'catalog.yaml'))).file;

const document = (file: string) => YAML.parse(readFileSync(file, 'utf8'));

async function planOf(file: string, url: string, key: string) {
  const target = httpTarget(url, key);
  const { plan } = await planCatalog(loadCatalog(file), target, new StateFile(statePathFor(file), target.scope));
  return plan;
}

describe('pull from one server and apply to another', () => {
  const a = useServer();
  const b = useServer();

  it('reproduces the catalog field by field, then plans nothing, then makes exactly the edits', async () => {
    await seedCatalog(a().client());
    const file = await pull(a().url, a().key, 'pull-a-');
    const pulled = document(file);

    const first = await applyCatalogFile(file, httpTarget(b().url, b().key));
    assert.deepEqual(first.errors, []);
    assert.ok(first.created >= 11, `created ${first.created}`);

    const copy = document(await pull(b().url, b().key, 'pull-b-'));
    // Brands differ by the primary brand each business starts with; everything the file names matches.
    const named = (doc: Record<string, { key: string }[]>) => ({
      ...doc,
      brands: doc.brands?.filter((brand) => pulled.brands.some((p: { key: string }) => p.key === brand.key)),
    });
    assert.deepEqual(named(copy), named(pulled));
    const book = copy.products.find((p: { name: string }) => p.name === 'Book');
    assert.deepEqual(book.localized_prices, [
      { currency: 'EUR', country_code: null, amount: 1400 },
      { currency: 'INR', country_code: null, amount: 90000 },
    ]);
    assert.equal(copy.collections[0].groups[0].items.length, 2);
    // Images are files named by their hash: the same name means the same bytes.
    assert.match(book.image, /^images\/[0-9a-f]{12}\/image$/);
    assert.equal(book.image, pulled.products.find((p: { name: string }) => p.name === 'Book').image);
    assert.equal(copy.products.find((p: { name: string }) => p.name === 'Old').archived, true);

    assert.deepEqual((await planOf(file, b().url, b().key)).changes, []);
    const second = await applyCatalogFile(file, httpTarget(b().url, b().key));
    assert.deepEqual([second.created, second.updated, second.archived], [0, 0, 0]);

    const edited = document(file);
    const pro = edited.products.find((p: { name: string }) => p.name === 'Pro');
    pro.price.price = 2500;
    const plans = edited.collections[0];
    plans.groups[1].name = 'One-off';
    plans.groups[0].items.reverse();
    writeFileSync(file, YAML.stringify(edited));

    const changes = (await planOf(file, b().url, b().key)).changes;
    assert.deepEqual(
      changes.flatMap((c) =>
        c.action === 'update' ? c.fields.map((f) => `${c.kind}:${c.key}:${f.field}`) : [c.action],
      ),
      [
        `products:${pro.key}:price`,
        `collections:${plans.key}:groups[0].items`,
        `collections:${plans.key}:groups[1].name`,
      ],
    );
    const third = await applyCatalogFile(file, httpTarget(b().url, b().key));
    assert.deepEqual(third.errors, []);
    assert.deepEqual((await planOf(file, b().url, b().key)).changes, []);
    const collection = (await b().client().productCollections.list({ page_number: 0 })).items[0]!;
    const groups = (await b().client().productCollections.retrieve(collection.id)).groups;
    assert.deepEqual(
      groups.map((g) => [g.group_name, g.products.map((p) => p.name)]),
      [
        ['Monthly', ['API', 'Pro']],
        ['One-off', ['Book']],
      ],
    );
  });

  it('a catalog pulled from an account that never had keys applies back to it without a duplicate', async () => {
    const { key, client } = await a().newTenant();
    await seedCatalog(client);
    const file = await pull(a().url, key, 'pull-back-');
    const back = await applyCatalogFile(file, httpTarget(a().url, key));
    assert.deepEqual([back.errors, back.created], [[], 0]);
    // Products and entitlements were matched by name and now carry their key.
    assert.ok(back.plan.changes.every((c) => c.action === 'update' && c.fields.some((f) => f.field === 'metadata')));
    const products = (await client.products.list({ page_number: 0, page_size: 100 })).items;
    assert.equal(products.length, 3);
    assert.ok(products.every((p) => typeof p.metadata.pricebook_key === 'string'));
    assert.equal(products.find((p) => p.name === 'Book')?.metadata.isbn, '123');
    assert.deepEqual((await planOf(file, a().url, key)).changes, []);
  });
});
