import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerDashboard } from './dashboard.ts';
import { registerErrorHandling } from './errors.ts';

export interface Pages {
  /** The API reference (Swagger UI) at /docs. */
  docs: boolean;
  /** The dashboard at /dashboard. */
  dashboard: boolean;
}

/** Headers that belong to the connection the inner answer never had, not to the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/**
 * Serves the docs page and the dashboard from a second Fastify app that is built on their first request. Swagger
 * UI's and the file server's packages were a fifth of the CPU a start took (bench/RESULTS.md), for pages a server
 * in a test suite is never asked for. The outer app keeps its hooks on these paths (x-request-id, CORS); the
 * inner one answers through inject, so every header and status it writes reaches the browser as it wrote it.
 */
export function registerPages(app: FastifyInstance, pages: Pages): void {
  let inner: Promise<FastifyInstance> | undefined;
  const build = async (): Promise<FastifyInstance> => {
    const pagesApp = Fastify({ logger: false });
    // A page that is not there answers as any other unknown path does.
    registerErrorHandling(pagesApp);
    if (pages.docs) {
      // Swagger UI reads its document from @fastify/swagger: the outer app's, as /openapi.json serves it. It is
      // OpenAPI 3.1, which the static mode's types predate; the plugin passes it on as it is.
      const document = app.swagger() as StaticDocumentSpec['document'];
      await pagesApp.register(swagger, { mode: 'static', specification: { document } });
      const { default: swaggerUi } = await import('@fastify/swagger-ui');
      await pagesApp.register(swaggerUi, {
        routePrefix: '/docs',
        uiConfig: { persistAuthorization: true, tryItOutEnabled: true },
      });
    }
    if (pages.dashboard) await registerDashboard(pagesApp);
    return pagesApp;
  };
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    // A build that failed is tried again on the next request rather than kept.
    inner ??= build().catch((error: unknown) => {
      inner = undefined;
      throw error;
    });
    // Always a GET: for a HEAD, the outer route drops the body itself and keeps its length.
    const answer = await (await inner).inject({ method: 'GET', url: request.url, headers: request.headers });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload.length > 0 ? answer.rawPayload : undefined);
  };
  for (const [on, prefix] of [
    [pages.docs, '/docs'],
    [pages.dashboard, '/dashboard'],
  ] as const) {
    if (!on) continue;
    app.get(prefix, { schema: { hide: true } }, forward);
    app.get(`${prefix}/*`, { schema: { hide: true } }, forward);
  }
  app.addHook('onClose', async () => {
    if (inner) await (await inner).close();
  });
}
