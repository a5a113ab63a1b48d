import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../context.ts';
import { addonRoutes } from './addons/routes.ts';
import { brandRoutes } from './brands/routes.ts';
import { collectionRoutes } from './collections/routes.ts';
import { creditEntitlementRoutes } from './credit-entitlements/routes.ts';
import { entitlementFileRoutes } from './entitlements/files-routes.ts';
import { entitlementRoutes } from './entitlements/routes.ts';
import { localizedPriceRoutes } from './localized-prices/routes.ts';
import { mediaPublicRoutes } from './media/public-routes.ts';
import { mediaRoutes } from './media/routes.ts';
import { meterRoutes } from './meters/routes.ts';
import { productRoutes } from './products/routes.ts';
import { shortLinkPublicRoutes } from './short-links/public-routes.ts';
import { shortLinkRoutes } from './short-links/routes.ts';

/** Every API resource, registered behind the API-key check. */
export const resourceRoutes: FastifyPluginAsyncTypebox[] = [
  productRoutes,
  collectionRoutes,
  brandRoutes,
  addonRoutes,
  meterRoutes,
  creditEntitlementRoutes,
  entitlementRoutes,
  entitlementFileRoutes,
  mediaRoutes,
  shortLinkRoutes,
  localizedPriceRoutes,
];

/** Routes reached without an API key: signed uploads and downloads, images, short links. */
export const publicRoutes: FastifyPluginAsyncTypebox<{ services: Services }>[] = [
  mediaPublicRoutes,
  shortLinkPublicRoutes,
];
