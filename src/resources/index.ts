import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addonRoutes } from './addons/routes.ts';
import { brandRoutes } from './brands/routes.ts';
import { creditEntitlementRoutes } from './credit-entitlements/routes.ts';
import { entitlementRoutes } from './entitlements/routes.ts';
import { meterRoutes } from './meters/routes.ts';
import { productRoutes } from './products/routes.ts';

/** Every API resource, registered behind the API-key check. */
export const resourceRoutes: FastifyPluginAsyncTypebox[] = [
  productRoutes,
  brandRoutes,
  addonRoutes,
  meterRoutes,
  creditEntitlementRoutes,
  entitlementRoutes,
];
