import Fastify from 'fastify';
import { FIXED_PRODUCT } from './fixed-product.ts';

// A second ceiling: the framework Pricebook is built on, answering the same fixed product with nothing
// behind it, so that the cost of Fastify itself is told apart from the cost of Pricebook.
const app = Fastify({ logger: false });
app.get('/*', async (_request, reply) => reply.type('application/json; charset=utf-8').send(FIXED_PRODUCT));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
