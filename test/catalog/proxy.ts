import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

export type Fault = 'none' | 'refuse-500' | 'after-500' | 'refuse-429';

export interface Proxy {
  url: string;
  /** Requests seen so far. */
  count(): number;
  close(): Promise<void>;
}

/**
 * A proxy in front of a server that decides, per request, whether to forward it and what to answer:
 * `refuse-500` and `refuse-429` answer without forwarding, `after-500` forwards and then answers 500 as
 * if the reply were lost. Upload URLs in responses keep pointing at the server itself.
 */
export async function startProxy(
  upstream: string,
  fault: (n: number, method: string, path: string) => Fault,
  onRequest?: (n: number) => void,
): Promise<Proxy> {
  let seen = 0;
  const target = new URL(upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = ++seen;
    onRequest?.(n);
    const decision = fault(n, req.method ?? 'GET', req.url ?? '/');
    const fail = (status: number) => {
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(
        JSON.stringify({
          code: status === 429 ? 'RATE_LIMITED' : 'INTERNAL_ERROR',
          message: 'injected by the test proxy',
        }),
      );
    };
    if (decision === 'refuse-500' || decision === 'refuse-429') {
      req.resume();
      fail(decision === 'refuse-500' ? 500 : 429);
      return;
    }
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamResponse) => {
        if (decision === 'after-500') {
          upstreamResponse.resume();
          upstreamResponse.on('end', () => fail(500));
          return;
        }
        res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    count: () => seen,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
