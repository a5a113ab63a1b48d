import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { hashKey, looksLikeApiKey } from '../accounts/service.ts';
import type { RateLimitSettings } from '../config.ts';
import { ApiError } from '../errors.ts';
import { bearerToken } from '../http/auth.ts';

/**
 * Counted per API key (its hash: keys are never stored in clear, in Redis neither). A request without a token
 * shaped like a key is counted per address, so garbage tokens cannot each open a fresh count.
 */
function counterOf(request: FastifyRequest): string {
  const token = bearerToken(request.headers.authorization);
  return token && looksLikeApiKey(token) ? `key:${hashKey(token)}` : `ip:${request.ip}`;
}

/**
 * Limits the requests of every route in `app`'s scope. Call it before the key check: the limiter runs as a
 * scope hook in registration order, so requests without a key, or with an unknown one, are counted (and
 * refused) before they cost a key lookup. Over the limit: 429 TOO_MANY_REQUESTS with `retry-after` in seconds,
 * which the official SDKs wait for before retrying.
 */
export async function registerRateLimit(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  const redis = settings.redisUrl ? connectRedis(app, settings.redisUrl) : undefined;
  await app.register(rateLimit, {
    // Not per route: the plugin's route hooks would run after the scope's key check.
    global: false,
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
  app.addHook('onRequest', app.rateLimit());
}

/**
 * Connects in the background: a Redis that is down when the server starts must not stop it. ioredis keeps
 * reconnecting; until it is through, commands fail at once (no offline queue) and requests go uncounted.
 */
function connectRedis(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => app.log.warn({ err: error }, 'Redis for rate limits is unreachable'));
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return redis;
}
