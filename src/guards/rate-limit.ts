import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { hashKey } from '../accounts/service.ts';
import type { RateLimitSettings } from '../config.ts';
import { ApiError } from '../errors.ts';

const BEARER = /^Bearer\s+(\S+)/i;

/** Counted per API key (its hash: keys are never stored in clear, in Redis neither); per address without one. */
function counterOf(request: FastifyRequest): string {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return token ? `key:${hashKey(token)}` : `ip:${request.ip}`;
}

/**
 * Limits the requests of every route in `app`'s scope, checked before the key is looked up. Over the limit:
 * 429 TOO_MANY_REQUESTS with `retry-after` in seconds, which the official SDKs wait for before retrying.
 */
export async function registerRateLimit(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  const redis = settings.redisUrl ? await connectRedis(app, settings.redisUrl) : undefined;
  await app.register(rateLimit, {
    max: settings.max,
    timeWindow: settings.windowMs,
    keyGenerator: counterOf,
    redis,
    nameSpace: `${settings.redisPrefix}rate-limit:`,
    // Redis being away must not take the API down with it: requests then go uncounted.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'TOO_MANY_REQUESTS',
        `More than ${context.max} requests in ${settings.windowMs / 1000} s with this API key; retry in ${context.after}`,
      ),
  });
}

async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  // Without an offline queue a command fails at once while Redis is unreachable, rather than holding the request.
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => app.log.warn({ err: error }, 'Redis for rate limits'));
  await redis.connect();
  app.addHook('onClose', async () => {
    await redis.quit();
  });
  return redis;
}
