import type DodoPayments from 'dodopayments';
import { now } from '../../src/lib/clock.ts';
import { newId } from '../../src/lib/ids.ts';
import { insertBrand } from '../../src/resources/brands/store.ts';
import { oneTimeProduct } from './factories.ts';
import type { TestServer } from './server.ts';

type ProductParams = DodoPayments.ProductCreateParams;
type CollectionParams = DodoPayments.ProductCollectionCreateParams;

/** `count` new one-time products, by id, in creation order. */
export async function newProducts(
  client: DodoPayments,
  count: number,
  overrides: Partial<ProductParams> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await client.products.create(oneTimeProduct({ name: `Plan ${i}`, ...overrides }))).product_id);
  }
  return ids;
}

/** A collection whose i-th group (named `Group i`) holds `sizes[i]` new products. */
export async function newCollection(
  client: DodoPayments,
  sizes: number[] = [2],
  overrides: Partial<CollectionParams> = {},
): Promise<DodoPayments.ProductCollection> {
  const groups: CollectionParams['groups'] = [];
  for (const [i, size] of sizes.entries()) {
    const ids = await newProducts(client, size);
    groups.push({ group_name: `Group ${i}`, products: ids.map((product_id) => ({ product_id })) });
  }
  return client.productCollections.create({ name: 'Plans', groups, ...overrides });
}

/** The item ids of a collection's groups, in display order. */
export async function itemIds(client: DodoPayments, collectionId: string): Promise<string[][]> {
  const collection = await client.productCollections.retrieve(collectionId);
  return collection.groups.map((group) => group.products.map((item) => item.id));
}

/**
 * A second enabled brand of the server's default business, in test mode. It is written straight to the
 * store so that these tests depend only on the collections API.
 */
export async function newBrand(server: TestServer): Promise<string> {
  const id = newId('brand');
  const at = now();
  await insertBrand(server.database.db, {
    business_id: server.businessId,
    mode: 'test',
    id,
    is_primary: false,
    name: 'Second brand',
    description: null,
    statement_descriptor: 'SECOND BRAND',
    support_email: null,
    url: null,
    image_id: null,
    enabled: true,
    verification_enabled: true,
    verification_status: 'Success',
    reason_for_hold: null,
    archived_at: null,
    created_at: at,
    updated_at: at,
  });
  return id;
}

/** A well-formed UUID that names nothing. */
export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
