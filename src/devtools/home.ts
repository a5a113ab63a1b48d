import type { FastifyInstance } from 'fastify';

const DASHBOARD_ROUTES = ['/dashboard', '/dashboard/', '/dashboard/*'];

/** The page a browser gets at `/`: what this server is and where to go next. */
function homePage(hasDocs: boolean, hasDashboard: boolean): string {
  const docs = hasDocs ? '<li><a href="/docs">/docs</a>: the API reference; try every operation with a key</li>\n' : '';
  const dashboard = hasDashboard ? '<li><a href="/dashboard">/dashboard</a>: browse and edit the catalog</li>' : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pricebook</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}code,pre{background:#f3f3f3;padding:.1rem .3rem}</style>
</head>
<body>
<h1>Pricebook</h1>
<p>A self-hosted server for the Dodo Payments product-catalog API. Point the official <code>dodopayments</code> SDK
at this address instead of Dodo's and it works unchanged.</p>
<ul>
${docs}${dashboard}<li><a href="/openapi.json">/openapi.json</a>: the OpenAPI document</li>
<li><a href="/health">/health</a>: the health check</li>
</ul>
<h2>Getting a key</h2>
<p>The first start on an empty database prints a test-mode and a live-mode key. Make more with the admin CLI:</p>
<pre>npx pricebook businesses list
npx pricebook keys create --business BUSINESS_ID --mode test</pre>
</body>
</html>`;
}

export function registerHomePage(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const hasDashboard = DASHBOARD_ROUTES.some((url) => app.hasRoute({ method: 'GET', url }));
    const hasDocs = app.hasRoute({ method: 'GET', url: '/docs' });
    return reply.type('text/html; charset=utf-8').send(homePage(hasDocs, hasDashboard));
  });
}
