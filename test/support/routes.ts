import Fastify, { type FastifySchema } from 'fastify';
import type { Services } from '../../src/context.ts';
import { publicRoutes, resourceRoutes } from '../../src/resources/index.ts';

/** One operation as the app declares it: the TypeBox schemas that validate its requests. */
export interface DeclaredRoute {
  method: string;
  url: string;
  schema: FastifySchema & { operationId?: string };
  /** Behind the API-key check, or reached without a key. */
  authenticated: boolean;
}

/**
 * Every route of the app, registered from the same plugin lists `buildApp` registers, with nothing compiled or
 * served: the schemas come back as the objects the routes were declared with.
 */
export async function declaredRoutes(): Promise<DeclaredRoute[]> {
  const app = Fastify();
  app.setValidatorCompiler(() => () => true);
  const routes: DeclaredRoute[] = [];
  let authenticated = true;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, schema: route.schema ?? {}, authenticated });
    }
  });
  await app.register(async (api) => {
    for (const plugin of resourceRoutes) await api.register(plugin);
  });
  await app.after();
  authenticated = false;
  for (const plugin of publicRoutes) await app.register(plugin, { services: {} as Services });
  await app.ready();
  await app.close();
  return routes;
}
