import { randomUUID } from 'node:crypto';

/** What a load mix may address on a target: the ids that exist there and the header that authorises. */
export interface Fixture {
  headers: Record<string, string>;
  productIds: string[];
  /** Empty when the target under test does not serve product collections. */
  collections: CollectionFixture[];
}

export interface CollectionFixture {
  id: string;
  groups: { id: string; itemIds: string[] }[];
}

/** Sizes of the data set every load mix runs on. */
export const LOAD_DATA = {
  products: 1000,
  collections: 20,
  groupsPerCollection: 2,
  itemsPerGroup: 5,
} as const;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function fakeId(prefix: string, n: number): string {
  let body = '';
  for (let i = 0, x = n * 2654435761 + 12345; i < 21; i++, x = Math.floor(x / 7) + i * 31) body += BASE62[x % 62];
  return `${prefix}_${body}`;
}

/**
 * For the spec mocks, which store nothing: ids of the right shape, so that the requests they get are the
 * same, byte for byte in length, as the ones Pricebook gets.
 */
export function syntheticFixture(withCollections: boolean): Fixture {
  const productIds = Array.from({ length: LOAD_DATA.products }, (_, n) => fakeId('pdt', n));
  const collections = withCollections
    ? Array.from({ length: LOAD_DATA.collections }, (_, n) => ({
        id: fakeId('pdc', n),
        groups: Array.from({ length: LOAD_DATA.groupsPerCollection }, () => ({
          id: randomUUID(),
          itemIds: Array.from({ length: LOAD_DATA.itemsPerGroup }, () => randomUUID()),
        })),
      }))
    : [];
  return { headers: { Authorization: `Bearer pb_test_${'x'.repeat(32)}` }, productIds, collections };
}
