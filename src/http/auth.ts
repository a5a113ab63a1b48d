import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator, KeyGrant } from '../accounts/service.ts';
import type { Context, Services } from '../context.ts';
import { ApiError, unauthorized } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every API route: the caller's business and mode. */
    ctx: Context;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header or none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? '')?.[1];
}

/**
 * Guards every route registered in `app`'s scope: a request needs `Authorization: Bearer <key>` with a key
 * that exists and is not revoked (a revocation reaches every process within 1 s, see key-cache.ts); a read-only
 * key may only read (403 on any other method).
 */
export function requireApiKey(app: FastifyInstance, services: Services, keys: Authenticator): void {
  app.decorateRequest('ctx', null as unknown as Context);
  /** Sets the request's context, or says why the key may not make this request. */
  const admit = (request: FastifyRequest, scope: KeyGrant | undefined): ApiError | undefined => {
    if (!scope) return unauthorized();
    if (scope.readOnly && request.method !== 'GET' && request.method !== 'HEAD') {
      return new ApiError('READ_ONLY_API_KEY', 'This API key is read-only; use a key that may write');
    }
    // Field by field: V8 copied `{ ...services, scope, readOnly }` on a slow path, 6.7 % of a GET (bench/RESULTS.md).
    request.ctx = {
      database: services.database,
      urls: services.urls,
      blobs: services.blobs,
      signer: services.signer,
      scope,
      readOnly: scope.readOnly,
    };
    return undefined;
  };
  // A callback hook, not an async one: a key known in memory lets the request go on in the same tick.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = bearerToken(request.headers.authorization);
    const scope = token === undefined ? undefined : keys.authenticate(token);
    if (scope instanceof Promise) scope.then((found) => done(admit(request, found)), done);
    else done(admit(request, scope));
  });
}
