import { collectionBody, productBody } from './catalog.ts';
import { type CollectionFixture, type Fixture, LOAD_DATA } from './fixture.ts';
import { Progress } from './progress.ts';

interface CollectionResponse {
  id: string;
  groups: { group_id: string; products: { id: string }[] }[];
}

export async function call<T>(baseUrl: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Whether this Pricebook build serves product collections yet. */
export async function servesCollections(baseUrl: string, key: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/product-collections`, { headers: { Authorization: `Bearer ${key}` } });
  await response.text();
  return response.status === 200;
}

async function inParallel(count: number, width: number, task: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** Fills a running Pricebook through its public API, the way a user's code would. */
export async function seedOverHttp(baseUrl: string, key: string, label: string): Promise<Fixture> {
  const productIds: string[] = new Array(LOAD_DATA.products);
  const progress = new Progress(`seed ${label}: products`, LOAD_DATA.products);
  await inParallel(LOAD_DATA.products, 8, async (n) => {
    productIds[n] = (await call<{ product_id: string }>(baseUrl, key, 'POST', '/products', productBody(n))).product_id;
    progress.tick();
  });
  progress.done();

  const collections: CollectionFixture[] = [];
  if (await servesCollections(baseUrl, key)) {
    const perCollection = LOAD_DATA.groupsPerCollection * LOAD_DATA.itemsPerGroup;
    for (let c = 0; c < LOAD_DATA.collections; c++) {
      const members = productIds.slice(c * perCollection, (c + 1) * perCollection);
      const groups = Array.from({ length: LOAD_DATA.groupsPerCollection }, (_, g) =>
        members.slice(g * LOAD_DATA.itemsPerGroup, (g + 1) * LOAD_DATA.itemsPerGroup),
      );
      const made = await call<CollectionResponse>(
        baseUrl,
        key,
        'POST',
        '/product-collections',
        collectionBody(c, groups),
      );
      collections.push({
        id: made.id,
        groups: made.groups.map((g) => ({ id: g.group_id, itemIds: g.products.map((p) => p.id) })),
      });
    }
  }
  return { headers: { Authorization: `Bearer ${key}` }, productIds, collections };
}
