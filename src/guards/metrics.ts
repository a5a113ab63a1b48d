import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSettings } from '../config.ts';
import type { Database } from '../db/database.ts';
import { unauthorized } from '../errors.ts';

/** Seconds; API answers mostly take milliseconds, uploads and lists of hundreds can take longer. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Error bodies start with their code (`{"code":"…"`), so it is read off the payload without parsing it. */
const ERROR_CODE = /^\{"code":"([A-Z_]+)"/;

/**
 * `GET /metrics` in Prometheus text format: requests and latency by route and status, errors by code, the
 * PostgreSQL pool, and Node's own process metrics. Each app has its own registry, so that several in one
 * process (tests) do not share counts. With a token, the scrape needs `Authorization: Bearer <token>`.
 */
export function registerMetrics(app: FastifyInstance, database: Database, settings: MetricsSettings): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'pricebook_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'pricebook_http_request_duration_seconds',
    help: 'Time from the request arriving to its answer being sent, by method, route template and status',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'pricebook_errors_total',
    help: 'Error answers, by their code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const poolStats = database.poolStats;
  if (poolStats) {
    const pool = new Gauge({
      name: 'pricebook_db_pool_connections',
      help: 'PostgreSQL pool: open connections (total), idle ones, and queries waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = poolStats();
        pool.set({ state: 'total' }, stats.total);
        pool.set({ state: 'idle' }, stats.idle);
        pool.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }

  app.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const code = ERROR_CODE.exec(payload)?.[1];
      if (code) errors.inc({ code });
    }
    return payload;
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // The template, not the URL, so that ids do not make a series each; unmatched paths share one.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  const expected = settings.token ? Buffer.from(`Bearer ${settings.token}`) : undefined;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized();
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
