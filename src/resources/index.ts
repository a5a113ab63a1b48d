import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { productRoutes } from './products/routes.ts';

/** Every API resource, registered behind the API-key check. */
export const resourceRoutes: FastifyPluginAsyncTypebox[] = [productRoutes];
