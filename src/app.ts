import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { storedSigningSecret } from './blobs/secret-store.ts';
import { createSigner } from './blobs/signing.ts';
import type { BlobStore } from './blobs/store.ts';
import type { Services } from './context.ts';
import type { Database } from './db/database.ts';
import { requireApiKey } from './http/auth.ts';
import { registerErrorHandling } from './http/errors.ts';
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
    ...protocolErrorOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // The API speaks JSON only: any other body is 415, not a string that fails validation further on.
  app.removeContentTypeParser('text/plain');
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
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const clock = options.clock ?? systemClock;
  const signer = createSigner(options.signingSecret ?? (await storedSigningSecret(options.database.db)), clock);
  const services: Services = {
    database: options.database,
    urls: urlsFor(options.publicUrl, signer),
    blobs: options.blobs,
    signer,
  };
  await app.register(async (api) => {
    requireApiKey(api, services);
    for (const routes of resourceRoutes) await api.register(routes);
  });
  // Signed uploads and downloads, images and short links: reached without an API key.
  for (const routes of publicRoutes) await app.register(routes, { services });

  return app;
}
