import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { oneTimeProduct } from './support/factories.ts';
import { useServer } from './support/server.ts';

const TOKEN = 'scrape-secret-for-tests';

describe('GET /metrics with METRICS_TOKEN', () => {
  const server = useServer({ app: { metrics: { token: TOKEN } } });
  const scrape = (authorization?: string) =>
    fetch(`${server().url}/metrics`, { headers: authorization ? { authorization } : {} });

  test('needs the token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, server().key]) {
      const response = await scrape(authorization);
      assert.equal(response.status, 401, String(authorization));
      assert.equal((await response.json()).code, 'UNAUTHORIZED');
    }
  });

  test('counts requests by route and status, their latency, errors by code and the pool', async () => {
    const client = server().client();
    await client.products.create(oneTimeProduct());
    await assert.rejects(client.products.retrieve('pdt_missing'));

    const response = await scrape(`Bearer ${TOKEN}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^pricebook_http_requests_total\{method="POST",route="\/products",status="200"\} 1$/m);
    assert.match(text, /^pricebook_http_requests_total\{method="GET",route="\/products\/:id",status="404"\} 1$/m);
    assert.match(
      text,
      /^pricebook_http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/products",status="200"\} 1$/m,
    );
    assert.match(text, /^pricebook_errors_total\{code="NOT_FOUND"\} 1$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    if (server().database.dialect === 'postgres') {
      assert.match(text, /^pricebook_db_pool_connections\{state="total"\} [1-9]\d*$/m);
    }
  });
});

describe('GET /metrics by default', () => {
  const server = useServer();
  test('is not served', async () => {
    const response = await fetch(`${server().url}/metrics`);
    assert.equal(response.status, 404);
  });
});
