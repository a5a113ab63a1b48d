// What other clients put on the wire. The tests elsewhere speak through the TypeScript SDK; users also
// come with the Python, Go, Java/Kotlin, Ruby, PHP and C# SDKs, with curl and with clients of their own.
// Each habit below is read from that SDK's generated base client (the version named), and replayed over raw
// HTTP; every answer must be the one the TypeScript SDK gets for the same call.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import DodoPayments from 'dodopayments';
import { addon, creditEntitlement, entitlement, meter } from './support/catalog-factories.ts';
import { newBrand, newCollection, UNKNOWN_UUID } from './support/collections.ts';
import { oneTimeProduct } from './support/factories.ts';
import { type RawResponse, type TestServer, useServer } from './support/server.ts';
import { officialSpec } from './support/spec-validator.ts';

const server = useServer();

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** How a call without a body goes: no body at all, `Content-Length: 0`, or a chunked body of zero bytes. */
type Empty = 'absent' | 'zero-length' | 'chunked';

interface Habit {
  name: string;
  /** The headers of one call; `json` tells whether it carries a JSON body. */
  headers(method: Method, json: boolean): Record<string, string>;
  /** How a bodyless call of this method goes on the wire. */
  empty(method: Method): Empty;
  /** Whether a JSON body is streamed (chunked) rather than sent with its length. */
  streamsBodies?: boolean;
}

const WITH_BODY = new Set<Method>(['POST', 'PUT', 'PATCH']);
/** What most HTTP stacks do without a body: `Content-Length: 0` on POST/PUT/PATCH, nothing otherwise. */
const lengthZeroOnWrites = (method: Method): Empty => (WITH_BODY.has(method) ? 'zero-length' : 'absent');

function stainless(lang: string, version: string, runtime: string, runtimeVersion: string): Record<string, string> {
  return {
    'X-Stainless-Lang': lang,
    'X-Stainless-Package-Version': version,
    'X-Stainless-OS': 'Linux',
    'X-Stainless-Arch': 'x64',
    'X-Stainless-Runtime': runtime,
    'X-Stainless-Runtime-Version': runtimeVersion,
    'X-Stainless-Retry-Count': '0',
  };
}

// None of the seven SDKs is generated with an idempotency header, so none sends `Idempotency-Key` unless the
// caller adds it; the hand-written client below does, on every write.
const HABITS: Habit[] = [
  {
    // dodopayments 2.52.0 (client.ts buildHeaders/buildBody): a content type only with a body.
    name: 'TypeScript SDK',
    headers: (_method, json) => ({
      Accept: 'application/json',
      'User-Agent': 'DodoPayments/JS 2.52.0',
      'X-Stainless-Timeout': '60',
      ...stainless('js', '2.52.0', 'node', 'v20.19.0'),
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    }),
    empty: () => 'absent',
  },
  {
    // dodopayments-python 1.111.0 (_base_client.py default_headers): `Content-Type: application/json` on
    // every call, bodyless ones included; httpx sends `Content-Length: 0` on a bodyless POST/PUT/PATCH.
    name: 'Python SDK',
    headers: () => ({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': 'DodoPayments/Python 1.111.0',
      'X-Stainless-Async': 'false',
      'X-Stainless-Read-Timeout': '60',
      ...stainless('python', '1.111.0', 'CPython', '3.12.3'),
    }),
    empty: lengthZeroOnWrites,
  },
  {
    // dodopayments-go 1.113.0 (requestconfig.go): a content type only with a body; net/http adds gzip.
    name: 'Go SDK',
    headers: (_method, json) => ({
      Accept: 'application/json',
      'Accept-Encoding': 'gzip',
      'User-Agent': 'DodoPayments/Go 1.113.0',
      ...stainless('go', '1.113.0', 'go', 'go1.22.5'),
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    }),
    empty: lengthZeroOnWrites,
  },
  {
    // dodopayments-java 1.106.1 (OkHttpClient.kt toRequest): no Accept; a bodyless POST/PUT gets an empty
    // body without a media type.
    name: 'Java/Kotlin SDK',
    headers: (_method, json) => ({
      'Accept-Encoding': 'gzip',
      'User-Agent': 'DodoPaymentsClientImpl/Java 1.106.1',
      'X-Stainless-OS-Version': '6.8.0',
      'X-Stainless-Kotlin-Version': '2.1.0',
      'X-Stainless-Read-Timeout': '60',
      'X-Stainless-Timeout': '60',
      ...stainless('java', '1.106.1', 'JRE', '21.0.2'),
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    }),
    empty: lengthZeroOnWrites,
  },
  {
    // dodopayments-ruby 2.25.0 (base_client.rb, pooled_net_requester.rb): the content type is dropped
    // without a body, and `content-length: 0` is sent on every bodyless call, DELETE included.
    name: 'Ruby SDK',
    headers: (_method, json) => ({
      accept: 'application/json',
      'user-agent': 'Dodopayments::Client/Ruby 2.25.0',
      'x-stainless-timeout': '60.0',
      ...stainless('ruby', '2.25.0', 'ruby', '3.3.0'),
      ...(json ? { 'content-type': 'application/json' } : {}),
    }),
    empty: () => 'zero-length',
  },
  {
    // dodopayments-php 6.20.0 (Client.php): `Content-Type: application/json` on every call, an empty body.
    name: 'PHP SDK',
    headers: () => ({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': 'Dodo Payments/PHP 6.20.0',
      ...stainless('php', '6.19.0', 'cli', '8.3.0'),
    }),
    empty: () => 'zero-length',
  },
  {
    // dodopayments-csharp 6.31.0 (ParamsBase.cs, *Params.BodyContent): no Accept; bodies are StringContent
    // in UTF-8, so the content type carries a charset.
    name: 'C# SDK',
    headers: (_method, json) => ({
      'User-Agent': 'DodoPaymentsClient/C# 6.31.0',
      'X-Stainless-Timeout': '60',
      ...stainless('csharp', '6.31.0', '.NET', '8.0.0'),
      ...(json ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    }),
    empty: lengthZeroOnWrites,
  },
  {
    // A client written by hand around fetch: one header set for every call, bodies as streams.
    name: 'hand-written client',
    headers: (method) => ({
      Accept: 'application/json; charset=utf-8',
      'Content-Type': 'application/json; charset=UTF-8',
      'User-Agent': 'acme-billing/3.1',
      ...(method === 'GET' || method === 'HEAD' ? {} : { 'Idempotency-Key': randomUUID() }),
    }),
    empty: () => 'chunked',
    streamsBodies: true,
  },
  {
    // `curl -X DELETE … -d ''`: curl labels even an empty `-d` as a form.
    name: 'curl',
    headers: (method, json) => ({
      Accept: '*/*',
      'User-Agent': 'curl/8.5.0',
      ...(json
        ? { 'Content-Type': 'application/json' }
        : method === 'GET' || method === 'HEAD'
          ? {}
          : { 'Content-Type': 'application/x-www-form-urlencoded' }),
    }),
    empty: (method) => (method === 'GET' || method === 'HEAD' ? 'absent' : 'zero-length'),
  },
];

/** One call as `habit` makes it, framed as it frames it. */
function send(habit: Habit, method: Method, path: string, body?: unknown): Promise<RawResponse> {
  const headers = habit.headers(method, body !== undefined);
  if (body !== undefined)
    return server().send(method, path, { headers, body: JSON.stringify(body), chunked: habit.streamsBodies });
  switch (habit.empty(method)) {
    case 'absent':
      return server().send(method, path, { headers });
    case 'zero-length':
      return server().send(method, path, { headers, body: '' });
    case 'chunked':
      return server().send(method, path, { headers, chunked: true });
  }
}

interface Answer {
  status: number;
  body: unknown;
}

/** What the TypeScript SDK itself gets for a bodyless call, or for one with `body`. */
async function sdkAnswer(method: Method, path: string, body?: Record<string, unknown>): Promise<Answer> {
  const client = server().client();
  const options = body === undefined ? {} : { body };
  const call =
    method === 'GET'
      ? client.get(path)
      : method === 'DELETE'
        ? client.delete(path, options)
        : method === 'PUT'
          ? client.put(path, options)
          : method === 'PATCH'
            ? client.patch(path, options)
            : client.post(path, options);
  try {
    const response = await call.asResponse();
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch (error) {
    if (!(error instanceof DodoPayments.APIError)) throw error;
    return { status: error.status, body: error.error };
  }
}

/**
 * An answer with the ids the call was given replaced by their names, and a success body reduced to its
 * shape: two calls on two fixtures differ in ids, signatures and timestamps, and in nothing else.
 */
function comparable(answer: Answer, params: Record<string, string>): Answer {
  let text = JSON.stringify(answer.body ?? null);
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(value, `{${name}}`);
  const body = JSON.parse(text) as unknown;
  return { status: answer.status, body: answer.status < 400 ? shape(body) : body };
}

function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shape(v)]));
  }
  return value === null ? 'null' : typeof value;
}

interface Operation {
  method: Method;
  template: string;
  key: string;
}

/** The methods an operation without a body can still be: GET is taken as bodyless by every client. */
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

type OpenApi = { paths: Record<string, Record<string, { requestBody?: unknown }>> };

function operationsOf(doc: OpenApi, bodyless: boolean): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([method, operation]) => WRITES.has(method) && (operation.requestBody === undefined) === bodyless)
      .map(([method]) => {
        const upper = method.toUpperCase() as Method;
        return { method: upper, template, key: `${upper} ${template}` };
      }),
  );
}

async function servedDocument(): Promise<OpenApi> {
  return (await server().request('GET', '/openapi.json')).json as OpenApi;
}

/** The spec's operations without a request body that Pricebook serves (its own OpenAPI document). */
async function bodylessOperations(): Promise<Operation[]> {
  return operationsOf(await servedDocument(), true);
}

function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? UNKNOWN_UUID));
}

/** Ids that name nothing, one per path parameter, in the shape each parameter expects. */
function unknownParams(template: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
    params[name as string] = /group_id|item_id|file_id/.test(name as string) ? UNKNOWN_UUID : `${name}_unknown`;
  }
  return params;
}

type Fixture = (client: DodoPayments, server: TestServer) => Promise<Record<string, string>>;

async function product(client: DodoPayments): Promise<Record<string, string>> {
  return { id: (await client.products.create(oneTimeProduct())).product_id };
}

async function digitalFiles(client: DodoPayments): Promise<string> {
  const created = await client.entitlements.create(
    entitlement({ integration_type: 'digital_files', integration_config: { digital_file_ids: [] } }),
  );
  return created.id;
}

/** For each bodyless operation, what it acts on when it succeeds; created anew for every call. */
const FIXTURES: Record<string, Fixture> = {
  'PUT /addons/{id}/images': async (c) => ({ id: (await c.addons.create(addon())).id }),
  'PUT /brands/{id}/images': async (_c, s) => ({ id: await newBrand(s) }),
  'DELETE /credit-entitlements/{id}': async (c) => ({
    id: (await c.creditEntitlements.create(creditEntitlement())).id,
  }),
  'POST /credit-entitlements/{id}/undelete': async (c) => {
    const { id } = await c.creditEntitlements.create(creditEntitlement());
    await c.creditEntitlements.delete(id);
    return { id };
  },
  'DELETE /entitlements/{id}': async (c) => ({ id: (await c.entitlements.create(entitlement())).id }),
  'POST /entitlements/{id}/files': async (c) => ({ id: await digitalFiles(c) }),
  'DELETE /entitlements/{id}/files/{file_id}': async (c) => {
    const id = await digitalFiles(c);
    const body = new FormData();
    body.append('file', new File(['chapter one'], 'book.epub', { type: 'application/epub+zip' }));
    return { id, file_id: (await c.entitlements.files.upload(id, { body })).file_id };
  },
  'DELETE /meters/{id}': async (c) => ({ id: (await c.meters.create(meter())).id }),
  'POST /meters/{id}/unarchive': async (c) => {
    const { id } = await c.meters.create(meter());
    await c.meters.archive(id);
    return { id };
  },
  'DELETE /product-collections/{id}': async (c) => ({ id: (await newCollection(c)).id }),
  'DELETE /product-collections/{id}/groups/{group_id}': async (c) => {
    const collection = await newCollection(c, [1, 1]);
    return { id: collection.id, group_id: collection.groups[1]!.group_id };
  },
  'DELETE /product-collections/{id}/groups/{group_id}/items/{item_id}': async (c) => {
    const collection = await newCollection(c, [2]);
    const group = collection.groups[0]!;
    return { id: collection.id, group_id: group.group_id, item_id: group.products[0]!.id };
  },
  'PUT /product-collections/{id}/images': async (c) => ({ id: (await newCollection(c)).id }),
  'POST /product-collections/{id}/unarchive': async (c) => {
    const { id } = await newCollection(c);
    await c.productCollections.delete(id);
    return { id };
  },
  'DELETE /products/{id}': product,
  'PUT /products/{id}/images': product,
  'POST /products/{id}/unarchive': async (c) => {
    const params = await product(c);
    await c.products.archive(params.id!);
    return params;
  },
  'DELETE /products/{product_id}/localized-prices/{id}': async (c) => {
    const { product_id } = await c.products.create(oneTimeProduct({ pricing_mode: 'by_currency' }));
    const { id } = await c.products.localizedPrices.create(product_id, { currency: 'EUR', amount: 100 });
    return { product_id, id };
  },
  // Pricebook's own developer endpoints are called by the same clients, with the same habits.
  'POST /_pricebook/reset': async () => ({}),
  'DELETE /_pricebook/faults': async () => ({}),
  'DELETE /_pricebook/faults/{id}': async (_c, s) => {
    const rule = await s.request('POST', '/_pricebook/faults', { body: { path: '/never-called', status: 503 } });
    return { id: (rule.json as { id: string }).id };
  },
};

describe('operations without a body', () => {
  test('are every bodyless operation of the spec that Pricebook serves, each with a fixture', async () => {
    const served = await bodylessOperations();
    assert.ok(served.length >= 17, `only ${served.length} bodyless operations found`);
    assert.deepEqual(served.map((op) => op.key).sort(), Object.keys(FIXTURES).sort());
    // The served document follows the spec; where the spec is at hand, the list is the spec's own.
    const official = officialSpec() as OpenApi | undefined;
    if (official) {
      const doc = await servedDocument();
      const servedKeys = new Set([...operationsOf(doc, true), ...operationsOf(doc, false)].map((op) => op.key));
      const fromSpec = operationsOf(official, true).filter((op) => servedKeys.has(op.key));
      const catalog = served.filter((op) => !op.template.startsWith('/_pricebook/'));
      assert.deepEqual(fromSpec.map((op) => op.key).sort(), catalog.map((op) => op.key).sort());
    }
  });

  for (const habit of HABITS) {
    test(`${habit.name}: an unknown id gets the TypeScript SDK's answer on every bodyless operation`, async (t) => {
      for (const op of await bodylessOperations()) {
        await t.test(op.key, async () => {
          const path = pathOf(op.template, unknownParams(op.template));
          const expected = await sdkAnswer(op.method, path);
          const res = await send(habit, op.method, path);
          assert.deepEqual({ status: res.status, body: res.json }, expected);
        });
      }
    });

    test(`${habit.name}: a real target gets the TypeScript SDK's answer on every bodyless operation`, async (t) => {
      for (const op of await bodylessOperations()) {
        await t.test(op.key, async () => {
          const fixture = FIXTURES[op.key]!;
          const mine = await fixture(server().client(), server());
          const theirs = await fixture(server().client(), server());
          const expected = comparable(await sdkAnswer(op.method, pathOf(op.template, theirs)), theirs);
          const res = await send(habit, op.method, pathOf(op.template, mine));
          // An upload's file is its body, which the spec leaves undeclared: sent without one, it is refused alike.
          const succeeds = op.key !== 'POST /entitlements/{id}/files';
          assert.equal(res.status < 300, succeeds, `${op.key} answered ${res.status} ${res.text}`);
          assert.deepEqual(comparable({ status: res.status, body: res.json }, mine), expected);
        });
      }
    });
  }
});

/** A sample of calls with a body or a query, as each habit makes them. */
const SAMPLE: { name: string; method: Method; path: (product: string) => string; body?: Record<string, unknown> }[] = [
  { name: 'create a product', method: 'POST', path: () => '/products', body: { ...oneTimeProduct() } },
  { name: 'update a product', method: 'PATCH', path: (id) => `/products/${id}`, body: { description: 'New' } },
  { name: 'create a meter', method: 'POST', path: () => '/meters', body: { ...meter() } },
  { name: 'list products', method: 'GET', path: () => '/products?page_size=2&archived=false' },
  { name: 'retrieve a product', method: 'GET', path: (id) => `/products/${id}` },
];

describe('operations with a body or a query', () => {
  for (const habit of HABITS) {
    test(`${habit.name}: a sample of them gets the TypeScript SDK's answers`, async (t) => {
      for (const call of SAMPLE) {
        await t.test(call.name, async () => {
          const { id } = await product(server().client());
          const params = { id: id! };
          const expected = comparable(await sdkAnswer(call.method, call.path(id!), call.body), params);
          const res = await send(habit, call.method, call.path(id!), call.body);
          assert.ok(res.status < 300, `${call.name} answered ${res.status} ${res.text}`);
          assert.deepEqual(comparable({ status: res.status, body: res.json }, params), expected);
        });
      }
    });

    test(`${habit.name}: an empty body where one is required is a 422 naming the body`, async () => {
      const expected = await sdkAnswer('POST', '/products');
      assert.deepEqual(expected, {
        status: 422,
        body: { code: 'INVALID_REQUEST_BODY', message: 'body is required: send a JSON object' },
      });
      const res = await send(habit, 'POST', '/products');
      assert.deepEqual({ status: res.status, body: res.json }, expected);
    });
  }
});

/** Every GET operation Pricebook serves, with its path filled from `params` or with unknown ids. */
async function getPaths(params: (template: string) => Record<string, string>): Promise<string[]> {
  const doc = await servedDocument();
  return (
    Object.entries(doc.paths)
      // The request log answers with the requests themselves, so no two calls of it agree.
      .filter(([template, operations]) => operations.get && template !== '/_pricebook/requests')
      .map(([template]) => pathOf(template, params(template)))
  );
}

describe('what the SDKs of other APIs send', () => {
  test('unknown query parameters are ignored, as unknown body fields are', async () => {
    await product(server().client());
    const { id } = await product(server().client());
    const stripeStyle = `limit=1&starting_after=${id}&expand[]=data`;
    const paths = [...(await getPaths(unknownParams)), `/products/${id}`];
    for (const path of paths) {
      const plain = await server().request('GET', path);
      const withExtras = await server().request('GET', `${path}${path.includes('?') ? '&' : '?'}${stripeStyle}`);
      assert.deepEqual([withExtras.status, withExtras.json], [plain.status, plain.json], path);
    }
    assert.ok(paths.includes('/products') && paths.includes('/meters'), 'the lists are among the paths');
  });

  test('HEAD answers as GET does, without a body, on every GET operation', async () => {
    const { id } = await product(server().client());
    for (const path of [...(await getPaths(unknownParams)), `/products/${id}`]) {
      const get = await server().request('GET', path);
      const head = await server().request('HEAD', path);
      assert.deepEqual(
        [head.status, head.text, head.headers.get('content-type')],
        [get.status, '', get.headers.get('content-type')],
        path,
      );
    }
  });

  test('any Accept that admits JSON, or none, gets JSON', async () => {
    const { id } = await product(server().client());
    for (const path of ['/products?page_size=5', `/products/${id}`, '/products/pdt_unknown']) {
      const expected = await server().send('GET', path, { headers: { accept: 'application/json' } });
      for (const accept of ['*/*', 'application/json; charset=utf-8', 'application/*', undefined]) {
        const res = await server().send('GET', path, { headers: accept === undefined ? {} : { accept } });
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${path} with ${accept}`);
        assert.deepEqual([res.status, res.json], [expected.status, expected.json], `${path} with ${accept}`);
      }
    }
  });
});
