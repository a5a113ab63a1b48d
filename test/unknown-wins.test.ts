// Where a request breaks two rules, the unknown resource it addresses wins: 404 before any 422 about what its
// body names. Each case also shows the 422 that the same body gets on a target that exists.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addon, entitlement } from './support/catalog-factories.ts';
import { newBrand, newCollection, UNKNOWN_UUID } from './support/collections.ts';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const server = useServer();

interface Case {
  name: string;
  method: 'PATCH' | 'POST' | 'PUT';
  /** The path, given the id of a target that exists or of one that does not. */
  path: (id: string) => string;
  body: Record<string, unknown>;
  /** A target that exists, and the code its body then gets. */
  existing: () => Promise<string>;
  unknown: string;
  knownCode: string;
}

const client = () => server().client();
const collectionId = async () => (await newCollection(client())).id;
const groupPath = async () => {
  const collection = await newCollection(client());
  return `${collection.id}/groups/${collection.groups[0]!.group_id}`;
};
const digitalFiles = async () =>
  (
    await client().entitlements.create(
      entitlement({ integration_type: 'digital_files', integration_config: { digital_file_ids: [] } }),
    )
  ).id;

const CASES: Case[] = [
  {
    name: 'a product PATCH naming an image never uploaded',
    method: 'PATCH',
    path: (id) => `/products/${id}`,
    body: { image_id: UNKNOWN_UUID },
    existing: async () => (await client().products.create(oneTimeProduct())).product_id,
    unknown: 'pdt_unknown',
    knownCode: 'IMAGE_NOT_UPLOADED',
  },
  {
    name: 'a product PATCH naming files never uploaded',
    method: 'PATCH',
    path: (id) => `/products/${id}`,
    body: { digital_product_delivery: { files: [UNKNOWN_UUID] } },
    existing: async () => (await client().products.create(oneTimeProduct())).product_id,
    unknown: 'pdt_unknown',
    knownCode: 'MISSING_FILE_IDS',
  },
  {
    name: 'a collection PATCH naming an image never uploaded',
    method: 'PATCH',
    path: (id) => `/product-collections/${id}`,
    body: { image_id: UNKNOWN_UUID },
    existing: collectionId,
    unknown: 'pdc_unknown',
    knownCode: 'IMAGE_NOT_UPLOADED',
  },
  {
    name: 'an addon PATCH naming an image never uploaded',
    method: 'PATCH',
    path: (id) => `/addons/${id}`,
    body: { image_id: UNKNOWN_UUID },
    existing: async () => (await client().addons.create(addon())).id,
    unknown: 'adn_unknown',
    knownCode: 'IMAGE_NOT_UPLOADED',
  },
  {
    name: 'a brand PATCH naming an image never uploaded',
    method: 'PATCH',
    path: (id) => `/brands/${id}`,
    body: { image_id: UNKNOWN_UUID },
    existing: () => newBrand(server()),
    unknown: 'brnd_unknown',
    knownCode: 'IMAGE_NOT_UPLOADED',
  },
  {
    name: 'an entitlement PATCH naming files never uploaded',
    method: 'PATCH',
    path: (id) => `/entitlements/${id}`,
    body: { integration_config: { digital_file_ids: [UNKNOWN_UUID] } },
    existing: digitalFiles,
    unknown: 'ent_unknown',
    knownCode: 'MISSING_FILE_IDS',
  },
  {
    name: 'a new group naming an unknown product',
    method: 'POST',
    path: (id) => `/product-collections/${id}/groups`,
    body: { products: [{ product_id: 'pdt_unknown' }] },
    existing: collectionId,
    unknown: 'pdc_unknown',
    knownCode: 'MISSING_PRODUCT_IDS',
  },
  {
    name: 'new items naming an unknown product, in an unknown group',
    method: 'POST',
    path: (group) => `/product-collections/${group}/items`,
    body: { products: [{ product_id: 'pdt_unknown' }] },
    existing: groupPath,
    unknown: `pdc_unknown/groups/${UNKNOWN_UUID}`,
    knownCode: 'MISSING_PRODUCT_IDS',
  },
  {
    name: 'a group PATCH with an order of unknown items',
    method: 'PATCH',
    path: (group) => `/product-collections/${group}`,
    body: { product_order: [UNKNOWN_UUID] },
    existing: groupPath,
    unknown: `pdc_unknown/groups/${UNKNOWN_UUID}`,
    knownCode: 'INVALID_REQUEST_BODY',
  },
  {
    name: 'a localized price in a currency the product already has',
    method: 'POST',
    path: (id) => `/products/${id}/localized-prices`,
    body: { currency: 'USD', amount: 100 },
    existing: async () => (await client().products.create(oneTimeProduct({ pricing_mode: 'by_currency' }))).product_id,
    unknown: 'pdt_unknown',
    knownCode: 'LOCALIZED_PRICE_DUPLICATES_BASE',
  },
];

describe('the unknown resource wins over what its body names', () => {
  for (const c of CASES) {
    test(`${c.name}: 404 on an unknown target, ${c.knownCode} on a known one`, async () => {
      const known = await server().request(c.method, c.path(await c.existing()), { body: c.body });
      const unknown = await server().request(c.method, c.path(c.unknown), { body: c.body });
      assert.equal(known.json.code, c.knownCode, known.text);
      assert.deepEqual([unknown.status, unknown.json.code], [404, 'NOT_FOUND'], unknown.text);
    });
  }
});
