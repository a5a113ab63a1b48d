import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The folder `npm run build` writes the dashboard to. Found from the package root, since this module runs
 * both from src/ (tsx) and bundled into dist/main.js.
 */
export function builtDashboardDir(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'dashboard');
}

/** Serves the built dashboard at /dashboard/; without a build, a 503 that says how to make one. */
export async function registerDashboard(app: FastifyInstance, dir = builtDashboardDir()): Promise<void> {
  if (existsSync(join(dir, 'index.html'))) {
    // Loaded only when there is a dashboard to serve: pricebook/testing goes without it, and Jest's module loader
    // cannot require the ES-module-only packages @fastify/static needs.
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: dir, prefix: '/dashboard/' });
    // Relative asset URLs in the page resolve under /dashboard/ only with the trailing slash.
    app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/', 301));
    return;
  }
  const notBuilt = async (_request: unknown, reply: FastifyReply) =>
    reply.code(503).send({
      code: 'DASHBOARD_NOT_BUILT',
      message: `The dashboard is not built (no ${join(dir, 'index.html')}): run \`npm run build\``,
    });
  app.get('/dashboard', { schema: { hide: true } }, notBuilt);
  app.get('/dashboard/*', { schema: { hide: true } }, notBuilt);
}
