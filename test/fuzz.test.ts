import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { HOSTILE_JSON, HOSTILE_TEXT, validValue } from './support/arbitraries.ts';
import { addon, creditEntitlement, entitlement, meter } from './support/catalog-factories.ts';
import { oneTimeProduct, recurringProduct, usageBasedProduct } from './support/factories.ts';
import { type DeclaredRoute, declaredRoutes } from './support/routes.ts';
import { useServer } from './support/server.ts';

// A hostile client over every operation, generated from the TypeBox schemas the routes validate with: each request
// is a valid one with one part made bad (a path id, a query value, a body value, or the body's bytes). Whatever
// comes back is never a 5xx, an error is `{code, message}`, a 2xx matches the spec, and a refused request leaves
// the database as it was. FUZZ_RUNS sets the number of requests (10,000 when CI=true, 500 otherwise); FUZZ_SEED
// replays a run, and a failure prints the seed it ran with.

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 10_000 : 500));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Requests in flight at once; the database is compared after each batch. */
const BATCH = 12;

const server = useServer();

interface Generated {
  method: string;
  path: string;
  raw?: string;
  headers?: Record<string, string>;
}

/** Ids of what the seeded tenant holds, by the kind of thing a path parameter names. */
type Ids = Record<string, string[]>;

/** What kind of id a path parameter takes, from its name and the route it is in. */
function kindOf(url: string, param: string): string {
  if (param !== 'id') return param;
  if (url.includes('/localized-prices/')) return 'localized_price';
  return url.split('/')[1]!;
}

/** JSON text of `value` with the value at `path` (or a new key `extra` there) replaced by raw `hostile` JSON. */
function withHostile(value: unknown, target: number, hostile: string, addKey: boolean): string {
  const MARK = '\u0001hostile\u0001';
  const containers: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      containers.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
      walk(child);
    }
  };
  const root = { value: structuredClone(value) };
  walk(root);
  const objects = containers.filter((c) => {
    const child = c.parent[c.key as never];
    return typeof child === 'object' && child !== null;
  });
  // Half the time a top-level field: otherwise the many fields nested in a price or a filter get most turns.
  const topLevel = containers.filter((c) => c.parent === root.value);
  const pool = target % 2 === 0 && topLevel.length > 0 ? topLevel : containers;
  const index = Math.floor(target / 2);
  if (addKey && objects.length > 0) {
    const { parent, key } = objects[index % objects.length]!;
    const object = parent[key as never] as Record<string, unknown>;
    if (!Array.isArray(object)) object.extra_key = MARK;
    else object.push(MARK);
  } else {
    const { parent, key } = pool[index % pool.length]!;
    (parent as Record<string | number, unknown>)[key] = MARK;
  }
  return JSON.stringify(root.value).replace(JSON.stringify(MARK), hostile);
}

const MALFORMED_BODIES = ['{"name": "x",', '', 'null', '[]', '"str"', '1e400', `${'['.repeat(100000)}`, '\u0000'];

function requestFor(route: DeclaredRoute, ids: Ids): fc.Arbitrary<Generated> {
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const everyId = Object.values(ids).flat();
  const idFor = (param: string) => {
    const pool = ids[kindOf(route.url, param)] ?? [];
    return pool.length > 0 ? fc.constantFrom(...pool) : fc.uuid();
  };
  const pick = (...kinds: string[]) => fc.constantFrom(...kinds.flatMap((k) => ids[k] ?? []));
  const hints = {
    brand_id: pick('brands'),
    move_products_to: pick('brands'),
    product_id: pick('product_id'),
    addons: pick('addons'),
    meter_id: pick('meters'),
    credit_entitlement_id: pick('credit-entitlements'),
    entitlement_id: pick('entitlements'),
    digital_file_ids: pick('files'),
    files: pick('files'),
    product_order: pick('item_id'),
    group_order: pick('group_id'),
  };
  const query = route.schema.querystring as Record<string, unknown> | undefined;
  const body = route.schema.body as Record<string, unknown> | undefined;
  // fetch sends no body with a GET.
  const kinds = ['none', 'param', 'param', 'query', 'query', 'body', 'body', 'body', 'body', 'key', 'raw'].filter(
    (k) =>
      (k !== 'param' || params.length > 0) &&
      (k !== 'query' || query) &&
      ((k !== 'body' && k !== 'key') || body) &&
      (k !== 'raw' || route.method !== 'GET'),
  );
  return fc
    .record({
      params: fc.tuple(...params.map(idFor)),
      query: query ? validValue(query, hints) : fc.constant({}),
      body: body ? validValue(body, hints) : fc.constant(undefined),
      kind: fc.constantFrom(...kinds),
      target: fc.nat(),
      json: fc.constantFrom(...HOSTILE_JSON),
      text: fc.constantFrom(...HOSTILE_TEXT, ...everyId),
      malformed: fc.constantFrom(...MALFORMED_BODIES),
    })
    .map(({ params: values, query: q, body: b, kind, target, json, text, malformed }) => {
      const segments = values.map((v) => encodeURIComponent(v as string));
      if (kind === 'param') segments[target % segments.length] = text;
      let i = 0;
      let path = route.url.replace(/:\w+/g, () => segments[i++]!);
      const pairs = Object.entries(q as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, encodeURIComponent(String(v))]);
      if (kind === 'query') {
        const keys = Object.keys((query?.properties ?? {}) as object);
        const key = keys[target % keys.length]!;
        pairs.push([key, text]);
      }
      if (pairs.length > 0) path += `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
      const generated: Generated = { method: route.method, path };
      if (b !== undefined) generated.raw = JSON.stringify(b);
      if (kind === 'body' || kind === 'key') generated.raw = withHostile(b, target, json, kind === 'key');
      if (kind === 'raw') {
        generated.raw = malformed;
        if (target % 3 === 0) generated.headers = { 'content-type': 'text/plain' };
      }
      return generated;
    });
}

/** A digest of every table but the migrator's, by table, read straight from the store. */
async function snapshot(): Promise<Record<string, string>> {
  const { db, dialect } = server().database;
  const tables =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
      : await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(db);
  const digests: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (name.startsWith('kysely_') || name.startsWith('sqlite_')) continue;
    const rows = await sql`SELECT * FROM ${sql.table(name)}`.execute(db);
    const lines = rows.rows.map((row) => JSON.stringify(row)).sort();
    digests[name] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return digests;
}

/** One of everything a path can name, in the fuzzed tenant, and a product of another tenant. */
async function seed(): Promise<Ids> {
  const client = server().client();
  const products = await Promise.all(
    [oneTimeProduct({ pricing_mode: 'by_currency' }), recurringProduct(), usageBasedProduct()].map((p) =>
      client.products.create(p),
    ),
  );
  const product = products[0]!.product_id;
  const collection = await client.productCollections.create({
    name: 'Plans',
    groups: [{ group_name: 'Pro', products: [{ product_id: products[1]!.product_id }] }],
  });
  const group = collection.groups[0]!;
  const brand = await client.brands.create({ name: 'Second brand' });
  const files = await client.entitlements.create(
    entitlement({ integration_type: 'digital_files', integration_config: { digital_file_ids: [] } }),
  );
  const localized = await client.products.localizedPrices.create(product, { currency: 'EUR', amount: 900 });
  await client.products.shortLinks.create(product, { slug: 'fuzzed' });
  const upload = await client.products.updateFiles(product, { file_name: 'guide.pdf' });
  const other = await server().newTenant();
  return {
    products: [...products.map((p) => p.product_id), (await other.client.products.create(oneTimeProduct())).product_id],
    product_id: products.map((p) => p.product_id),
    'product-collections': [collection.id],
    group_id: [group.group_id],
    item_id: group.products.map((p) => p.id),
    brands: [server().businessId, brand.brand_id],
    addons: [(await client.addons.create(addon())).id],
    meters: [(await client.meters.create(meter())).id],
    'credit-entitlements': [(await client.creditEntitlements.create(creditEntitlement())).id],
    entitlements: [files.id, (await client.entitlements.create(entitlement())).id],
    localized_price: [localized.id],
    uploads: [upload.file_id],
    files: [upload.file_id],
    mode: ['test', 'live'],
    businessId: [server().businessId],
    slug: ['fuzzed'],
  };
}

test(`${RUNS} generated bad requests over every operation: no 5xx, {code, message} errors, refused ones write nothing`, async () => {
  const ids = await seed();
  const requests = fc.oneof(...(await declaredRoutes()).map((route) => requestFor(route, ids)));
  const batches = Math.ceil(RUNS / BATCH);
  const tally = { sent: 0, refused: 0, comparedBatches: 0, statuses: new Map<number, number>() };
  let state = await snapshot();
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(requests, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((r) =>
            server()
              .request(r.method, r.path, { raw: r.raw, headers: r.headers })
              .catch((error: Error) => {
                throw new Error(`${r.method} ${r.path} ${r.raw?.slice(0, 300) ?? ''}: ${error.message} ${error.cause}`);
              }),
          ),
        );
        let wrote = false;
        responses.forEach((res, i) => {
          const { method, path, raw } = batch[i]!;
          const label = `${method} ${path} ${raw?.slice(0, 300) ?? ''} -> ${res.status} ${res.text.slice(0, 300)}`;
          tally.sent += 1;
          tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
          assert.ok(res.status < 500, label);
          if (res.status >= 400) {
            tally.refused += 1;
            assert.deepEqual(Object.keys(res.json ?? {}).sort(), ['code', 'message'], label);
            assert.ok(typeof res.json.code === 'string' && typeof res.json.message === 'string', label);
          } else if (method !== 'GET') {
            wrote = true;
          }
        });
        assert.deepEqual(server().spec.violations.splice(0), [], 'a 2xx body breaks the spec');
        const after = await snapshot();
        if (!wrote) {
          tally.comparedBatches += 1;
          const changed = Object.keys(after).filter((table) => after[table] !== state[table]);
          const sent = batch.map((r) => `${r.method} ${r.path} ${r.raw?.slice(0, 200) ?? ''}`).join('\n  ');
          assert.deepEqual(changed, [], `refused requests changed these tables:\n  ${sent}`);
        }
        state = after;
      }),
      { numRuns: batches, seed: SEED, endOnFailure: true },
    );
  } catch (error) {
    const { message, cause } = error as Error;
    (error as Error).message =
      `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n${String((cause as Error)?.message ?? '')}\n${message}`;
    throw error;
  }
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
  console.log(
    `fuzz: seed ${SEED}, ${tally.sent} requests (${tally.refused} refused) in ${Date.now() - started} ms on ` +
      `${server().database.dialect}; ${tally.comparedBatches}/${batches} batches compared; ${statuses.join(' ')}`,
  );
  assert.ok(tally.sent >= RUNS);
});
