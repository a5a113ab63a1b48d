import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { applyCatalogFile } from '../../src/catalog/apply.ts';
import { httpTarget } from '../../src/catalog/target.ts';
import { useServer } from '../support/server.ts';
import { exampleCopy } from './helpers.ts';

describe('files and images on apply', () => {
  const server = useServer();

  it('an edit next to uploaded files keeps them; a file with new bytes is uploaded in its place', async () => {
    const { key, client } = await server().newTenant();
    const file = exampleCopy();
    assert.deepEqual((await applyCatalogFile(file, httpTarget(server().url, key))).errors, []);
    const kit = async () =>
      (await client.entitlements.list({ page_number: 0, page_size: 100 })).items.find((e) => e.name === 'Brand kit')!;
    const handbook = async () =>
      (await client.products.list({ page_number: 0, page_size: 100 })).items.find((p) => p.name === 'The Handbook')!;
    const filesOf = async () => {
      const entitlement = (await kit()).integration_config as {
        digital_files: { files: { file_id: string }[]; instructions: string };
      };
      const product = await client.products.retrieve((await handbook()).product_id);
      return {
        entitlement: entitlement.digital_files,
        product: product.digital_product_delivery!,
      };
    };
    const before = await filesOf();

    const document = YAML.parse(readFileSync(file, 'utf8'));
    document.entitlements[1].integration_config.instructions = 'Unzip, then read the README.';
    document.products[2].digital_product_delivery.instructions = 'Download it now.';
    writeFileSync(file, YAML.stringify(document));
    const edited = await applyCatalogFile(file, httpTarget(server().url, key));
    assert.deepEqual([edited.errors, edited.updated], [[], 2]);
    const after = await filesOf();
    assert.equal(after.entitlement.instructions, 'Unzip, then read the README.');
    assert.equal(after.product.instructions, 'Download it now.');
    assert.deepEqual(
      after.entitlement.files.map((f) => f.file_id),
      before.entitlement.files.map((f) => f.file_id),
    );
    assert.deepEqual(
      after.product.files.map((f) => f.file_id),
      before.product.files.map((f) => f.file_id),
    );

    writeFileSync(file.replace('catalog.yaml', 'files/handbook.txt'), 'Second edition.\n');
    assert.deepEqual((await applyCatalogFile(file, httpTarget(server().url, key))).errors, []);
    const replaced = (await filesOf()).product.files;
    assert.equal(replaced.length, 1);
    assert.notEqual(replaced[0]?.file_id, before.product.files[0]?.file_id);
    assert.equal(await (await fetch(replaced[0]!.download_url)).text(), 'Second edition.\n');
  });
});
