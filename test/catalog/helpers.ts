import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type DodoPayments from 'dodopayments';

/** The documented example, copied to its own folder so its state file stays out of the tree. */
export function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-example-'));
  cpSync('docs/examples/catalog', dir, { recursive: true });
  return join(dir, 'catalog.yaml');
}

/** How many objects of each kind a business holds, archived ones included: duplicates show here. */
export async function counts(client: DodoPayments) {
  const all = async <T>(list: (query: { page_number: number; page_size: number }) => PromiseLike<{ items: T[] }>) => {
    const items: T[] = [];
    for (let page = 0; ; page++) {
      const batch = (await list({ page_number: page, page_size: 100 })).items;
      items.push(...batch);
      if (batch.length < 100) return items;
    }
  };
  const names = (items: { name?: string | null }[]) => items.map((i) => i.name).sort();
  return {
    brands: names((await client.brands.list()).items),
    meters: names([
      ...(await all((q) => client.meters.list(q))),
      ...(await all((q) => client.meters.list({ ...q, archived: true }))),
    ]),
    credit_entitlements: names(await all((q) => client.creditEntitlements.list(q))),
    entitlements: names(await all((q) => client.entitlements.list(q))),
    addons: names(await all((q) => client.addons.list(q))),
    products: names([
      ...(await all((q) => client.products.list(q))),
      ...(await all((q) => client.products.list({ ...q, archived: true }))),
    ]),
    collections: names(await all((q) => client.productCollections.list(q))),
  };
}

export const EXAMPLE_COUNTS = {
  brands: ['Acme'],
  meters: ['API calls'],
  credit_entitlements: ['Tokens'],
  entitlements: ['Brand kit', 'Pro features'],
  addons: ['Extra seat'],
  products: ['API usage', 'Legacy plan', 'Pro (monthly)', 'The Handbook'],
  collections: ['Plans'],
};
