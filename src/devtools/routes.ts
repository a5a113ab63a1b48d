import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { type FaultRegistry, FaultRule, FaultRuleInput } from './faults.ts';
import { LoggedRequest, type RequestLog } from './request-log.ts';
import { resetCatalog } from './reset.ts';

export interface DevTools {
  faults: FaultRegistry;
  log: RequestLog;
}

const tags = ['Pricebook developer tools'];
const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() });
const testOnly = { 403: { ...ErrorBody, description: 'A live-mode key: these change test mode only' } };

function testScope(request: FastifyRequest): Scope {
  const { scope } = request.ctx;
  if (scope.mode !== 'test') {
    throw new ApiError('TEST_MODE_ONLY', `${request.method} ${request.routeOptions.url} takes a test-mode key`);
  }
  return scope;
}

/** `/_pricebook/*`: reset, fault rules and the request log, each for the caller's business and mode. */
export const devToolRoutes: FastifyPluginAsyncTypebox<{ devtools: DevTools }> = async (app, { devtools }) => {
  app.post(
    '/_pricebook/reset',
    {
      schema: {
        tags,
        operationId: 'pricebookReset',
        summary: "Empty this business's test-mode catalog and remove its fault rules; keys and business stay",
        response: { 200: Type.Object({ business_id: Type.String(), mode: Type.Literal('test') }), ...testOnly },
      },
    },
    async (request) => {
      const scope = testScope(request);
      await resetCatalog(request.ctx.database, request.ctx.blobs, scope);
      devtools.faults.clear(scope);
      return { business_id: scope.businessId, mode: 'test' as const };
    },
  );

  app.get(
    '/_pricebook/faults',
    {
      schema: {
        tags,
        operationId: 'pricebookListFaults',
        summary: 'The fault rules of this business in test mode',
        response: { 200: Type.Object({ items: Type.Array(FaultRule) }), ...testOnly },
      },
    },
    async (request) => ({ items: devtools.faults.list(testScope(request)) }),
  );

  app.post(
    '/_pricebook/faults',
    {
      schema: {
        tags,
        operationId: 'pricebookAddFault',
        summary: 'Add a fault rule: matching API requests of this business in test mode fail, slow down or drop',
        body: FaultRuleInput,
        response: { 200: FaultRule, ...testOnly },
      },
    },
    async (request) => devtools.faults.add(testScope(request), request.body),
  );

  app.delete(
    '/_pricebook/faults',
    {
      schema: {
        tags,
        operationId: 'pricebookClearFaults',
        summary: 'Remove every fault rule of this business in test mode',
        response: { 200: Type.Object({ deleted: Type.Integer() }), ...testOnly },
      },
    },
    async (request) => ({ deleted: devtools.faults.clear(testScope(request)) }),
  );

  app.delete(
    '/_pricebook/faults/:id',
    {
      schema: {
        tags,
        operationId: 'pricebookDeleteFault',
        summary: 'Remove one fault rule',
        params: Type.Object({ id: Type.String() }),
        response: { 200: FaultRule, ...testOnly },
      },
    },
    async (request) => {
      const removed = devtools.faults.remove(testScope(request), request.params.id);
      if (!removed) throw notFound('fault rule', request.params.id);
      return removed;
    },
  );

  app.get(
    '/_pricebook/requests',
    {
      schema: {
        tags,
        operationId: 'pricebookListRequests',
        summary: "This key's business and mode: its recent API requests, newest first",
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }),
        response: {
          200: Type.Object({ items: Type.Array(LoggedRequest) }),
          403: { ...ErrorBody, description: 'A read-only key: the log holds what writers were sent' },
        },
      },
    },
    async (request) => {
      // Writers' answers are in the log, signed upload URLs among them: reading it would let a read-only key write.
      if (request.ctx.readOnly) {
        throw new ApiError(
          'READ_ONLY_API_KEY',
          'The request log holds what writers were sent (signed upload URLs among it); use a key that may write',
        );
      }
      return { items: devtools.log.list(request.ctx.scope, request.query.limit ?? 50) };
    },
  );
};
