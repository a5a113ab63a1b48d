import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { keyAuthenticator } from './accounts/service.ts';
import { storedSigningSecret } from './blobs/secret-store.ts';
import { createSigner } from './blobs/signing.ts';
import type { BlobStore } from './blobs/store.ts';
import type { MetricsSettings, RateLimitSettings } from './config.ts';
import type { Services } from './context.ts';
import type { Database } from './db/database.ts';
import { applyFaults, FaultRegistry } from './devtools/faults.ts';
import { registerHomePage } from './devtools/home.ts';
import { requestId } from './devtools/request-id.ts';
import { logRequests, RequestLog } from './devtools/request-log.ts';
import { type DevTools, devToolRoutes } from './devtools/routes.ts';
import { registerIdempotency } from './guards/idempotency.ts';
import { documentGuards } from './guards/openapi.ts';
import { requireApiKey } from './http/auth.ts';
import { registerBodyParsers } from './http/body-parsers.ts';
import { registerErrorHandling } from './http/errors.ts';
import { keepPages } from './http/page-cache.ts';
import { registerPages } from './http/pages.ts';
import { protocolErrorOptions } from './http/protocol-errors.ts';
import { lazySerializers } from './http/serialization.ts';
import { validatorCompiler } from './http/validation.ts';
import { refuseIllFormedInput } from './http/well-formed.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { urlsFor } from './lib/urls.ts';
import { publicRoutes, resourceRoutes } from './resources/index.ts';

export interface AppOptions {
  database: Database;
  /** A function when the address is known only once the server listens. */
  publicUrl: string | (() => string);
  blobs: BlobStore;
  /** Signs upload and download URLs; when unset, the one kept in the database. */
  signingSecret?: string;
  /** What signed URLs expire against; tests move it instead of waiting. */
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Off unless given: no hook runs for it then. */
  rateLimit?: RateLimitSettings;
  /** Idempotency-Key replays on POST and PATCH; on unless false. */
  idempotency?: boolean;
  /** `GET /metrics`, and the hooks that count for it: off unless given. */
  metrics?: MetricsSettings;
  /** Serve the API reference at /docs; true unless false. */
  docs?: boolean;
  /** Serve the dashboard at /dashboard; true unless false. */
  dashboard?: boolean;
  /** Fault rules and the request log; given by whoever wants to reach them without HTTP (pricebook/testing). */
  devtools?: DevTools;
}

/** Bodies above 1 MiB are refused with 413 before they are parsed. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP application; it never listens, so tests and the process entry both use it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Long-lived keep-alive connections from load balancers must not outlive a graceful shutdown.
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    // An incoming x-request-id is kept (genReqId checks it); every response and log line carries the id.
    requestIdHeader: false,
    genReqId: requestId,
    ...protocolErrorOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.setValidatorCompiler(validatorCompiler);
  registerBodyParsers(app);
  registerErrorHandling(app);
  refuseIllFormedInput(app);

  // Every path of the spec answers OPTIONS (its CORS preflight) with 204, so browser apps can call it too.
  await app.register(cors, {
    origin: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    optionsSuccessStatus: 204,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pricebook',
        version: '0.1.0',
        description: 'The Dodo Payments product-catalog API, served by Pricebook.',
      },
      components: { securitySchemes: { API_KEY: { type: 'http', scheme: 'bearer' } } },
      security: [{ API_KEY: [] }],
    },
    transformObject: (document) =>
      'openapiObject' in document
        ? documentGuards(document.openapiObject, {
            rateLimit: Boolean(options.rateLimit),
            idempotency: options.idempotency !== false,
          })
        : document.swaggerObject,
  });

  // prom-client, the rate-limit plugin and the Redis client are loaded only when configured: a start without
  // them does not pay for reading them (the bundle keeps each in a chunk of its own).
  if (options.metrics) {
    const { registerMetrics } = await import('./guards/metrics.ts');
    registerMetrics(app, options.database, options.metrics);
  }
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Swagger UI rather than Scalar: Scalar's Fastify plugin needs Node 22, and Node 20 is supported. Loaded on the
  // first request for a page: pricebook/testing serves none, which also keeps it loadable under Jest (whose module
  // loader cannot require the ES-module-only packages Swagger UI's file server needs).
  registerPages(app, { docs: options.docs !== false, dashboard: options.dashboard !== false });
  registerHomePage(app);

  const clock = options.clock ?? systemClock;
  const signer = createSigner(options.signingSecret ?? (await storedSigningSecret(options.database.db)), clock);
  const services: Services = {
    database: options.database,
    urls: urlsFor(options.publicUrl, signer),
    blobs: options.blobs,
    signer,
  };
  const devtools = options.devtools ?? { faults: new FaultRegistry(), log: new RequestLog() };
  const keys = await keyAuthenticator(options.database);
  app.addHook('onClose', () => keys.close());
  await app.register(async (api) => {
    if (options.rateLimit) {
      const { registerRateLimit } = await import('./guards/rate-limit.ts');
      await registerRateLimit(api, options.rateLimit);
    }
    requireApiKey(api, services, keys);
    applyFaults(api, devtools.faults, devtools.log);
    logRequests(api, devtools.log);
    if (options.idempotency !== false) registerIdempotency(api, options.database, clock);
    keepPages(api, options.database);
    for (const routes of resourceRoutes) await api.register(routes);
  });
  // Beside the API, not inside it: fault rules must never lock their author out of removing them.
  await app.register(async (tools) => {
    requireApiKey(tools, services, keys);
    await tools.register(devToolRoutes, { devtools });
  });
  // Signed uploads and downloads, images and short links: reached without an API key.
  for (const routes of publicRoutes) await app.register(routes, { services });

  return app;
}
