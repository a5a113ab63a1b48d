import { createServer } from 'node:http';
import { FIXED_PRODUCT } from './fixed-product.ts';

// The ceiling: what Node itself can answer on this machine, with no routing, auth, storage or validation.
const body = Buffer.from(FIXED_PRODUCT);
const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  response.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
