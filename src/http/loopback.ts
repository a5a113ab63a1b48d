import type { FastifyInstance } from 'fastify';

/** Listens on a free port of 127.0.0.1 and returns the app's base URL: the in-process servers of tests. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  return `http://127.0.0.1:${address.port}`;
}
