import type { CollectionFixture, Fixture } from './fixture.ts';
import type { BenchRequest } from './wrk.ts';

export const MIX_NAMES = [
  'get-product',
  'list-products',
  'patch-product',
  'patch-item',
  'patch-group',
  'mixed',
] as const;
export type MixName = (typeof MIX_NAMES)[number];

export interface Mix {
  name: MixName;
  title: string;
  needsCollections: boolean;
  /** The requests one run cycles through; fixed per fixture, so that every round sends the same ones. */
  requests(fixture: Fixture): BenchRequest[];
}

/** How many distinct requests a script cycles through: enough that no id stays hot in a cache. */
const CYCLE = 2000;

/** A small deterministic generator (mulberry32), so that mixes are the same on every run and target. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: T[], r: () => number): T {
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

const getProduct = (f: Fixture, r: () => number): BenchRequest => ({
  method: 'GET',
  path: `/products/${pick(f.productIds, r)}`,
});

const listProducts = (f: Fixture, r: () => number, pageSize: number): BenchRequest => {
  const pages = Math.max(1, Math.floor(f.productIds.length / pageSize));
  return { method: 'GET', path: `/products?page_size=${pageSize}&page_number=${Math.floor(r() * pages)}` };
};

const patchProduct = (f: Fixture, r: () => number, n: number): BenchRequest => ({
  method: 'PATCH',
  path: `/products/${pick(f.productIds, r)}`,
  body: { description: `Revision ${n} of this product's description.` },
});

function pickItem(f: Fixture, r: () => number): { c: CollectionFixture; group: string; item: string } {
  const c = pick(f.collections, r);
  const group = pick(c.groups, r);
  return { c, group: group.id, item: pick(group.itemIds, r) };
}

const patchItem = (f: Fixture, r: () => number): BenchRequest => {
  const { c, group, item } = pickItem(f, r);
  return {
    method: 'PATCH',
    path: `/product-collections/${c.id}/groups/${group}/items/${item}`,
    body: { status: r() < 0.5 },
  };
};

const getCollection = (f: Fixture, r: () => number): BenchRequest => ({
  method: 'GET',
  path: `/product-collections/${pick(f.collections, r).id}`,
});

/** A reorder names every item of the group, rotated by a random step. */
const reorderGroup = (f: Fixture, r: () => number): BenchRequest => {
  const c = pick(f.collections, r);
  const group = pick(c.groups, r);
  const step = 1 + Math.floor(r() * (group.itemIds.length - 1));
  const order = [...group.itemIds.slice(step), ...group.itemIds.slice(0, step)];
  return { method: 'PATCH', path: `/product-collections/${c.id}/groups/${group.id}`, body: { product_order: order } };
};

function cycle(seed: number, make: (r: () => number, n: number) => BenchRequest): BenchRequest[] {
  const r = random(seed);
  return Array.from({ length: CYCLE }, (_, n) => make(r, n));
}

/**
 * 70 % reads, 30 % writes. Without collections the collection shares go to their product counterparts,
 * and the report says so.
 */
function mixed(f: Fixture): BenchRequest[] {
  const withCollections = f.collections.length > 0;
  const shares: [number, (r: () => number, n: number) => BenchRequest][] = withCollections
    ? [
        [40, (r) => getProduct(f, r)],
        [10, (r) => listProducts(f, r, 20)],
        [15, (r) => getCollection(f, r)],
        [5, () => ({ method: 'GET', path: '/product-collections?page_size=20' })],
        [15, (r, n) => patchProduct(f, r, n)],
        [10, (r) => patchItem(f, r)],
        [5, (r) => reorderGroup(f, r)],
      ]
    : [
        [60, (r) => getProduct(f, r)],
        [10, (r) => listProducts(f, r, 20)],
        [30, (r, n) => patchProduct(f, r, n)],
      ];
  return cycle(5, (r, n) => {
    let roll = r() * 100;
    for (const [share, make] of shares) {
      if (roll < share) return make(r, n);
      roll -= share;
    }
    throw new Error('shares must add up to 100');
  });
}

export const MIXES: Record<MixName, Mix> = {
  'get-product': {
    name: 'get-product',
    title: 'GET /products/{id}',
    needsCollections: false,
    requests: (f) => cycle(1, (r) => getProduct(f, r)),
  },
  'list-products': {
    name: 'list-products',
    title: 'GET /products?page_size=100',
    needsCollections: false,
    requests: (f) => cycle(2, (r) => listProducts(f, r, 100)),
  },
  'patch-product': {
    name: 'patch-product',
    title: 'PATCH /products/{id}',
    needsCollections: false,
    requests: (f) => cycle(3, (r, n) => patchProduct(f, r, n)),
  },
  'patch-item': {
    name: 'patch-item',
    title: 'PATCH /product-collections/{id}/groups/{group_id}/items/{item_id}',
    needsCollections: true,
    requests: (f) => cycle(4, (r) => patchItem(f, r)),
  },
  'patch-group': {
    name: 'patch-group',
    title: 'PATCH /product-collections/{id}/groups/{group_id} with `product_order`',
    needsCollections: true,
    requests: (f) => cycle(1, (r) => reorderGroup(f, r)),
  },
  mixed: {
    name: 'mixed',
    title: '70 % reads (products, collections), 30 % writes (product, item, group reorder)',
    needsCollections: false,
    requests: mixed,
  },
};
