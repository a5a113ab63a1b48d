import { setTimeout as sleep } from 'node:timers/promises';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Scope, scopeKey } from '../context.ts';
import { ApiError } from '../errors.ts';
import { randomBase62 } from '../lib/ids.ts';
import type { RequestLog } from './request-log.ts';

export const FaultRuleInput = Type.Object(
  {
    method: Type.Optional(Type.String({ description: 'HTTP method to match; `*` (the default) matches any' })),
    path: Type.Optional(
      Type.String({
        description: 'Path to match: `*` or `:name` stands for one segment, `**` for the rest (`/products/*`)',
      }),
    ),
    operation: Type.Optional(
      Type.String({ description: 'operationId to match, as /openapi.json names it (`createProduct`)' }),
    ),
    probability: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: 'Chance that a matching request is faulted; 1 by default' }),
    ),
    times: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Fault only the next N matching requests; unlimited by default' }),
    ),
    status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599, description: 'Answer with this status' })),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The `code` of the error body' })),
    message: Type.Optional(Type.String({ maxLength: 1000, description: 'The `message` of the error body' })),
    latency_ms: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 60_000, description: 'Wait this long before answering' }),
    ),
    drop_connection: Type.Optional(Type.Boolean({ description: 'Close the connection without an answer' })),
    retry_after: Type.Optional(Type.Integer({ minimum: 0, description: 'Send `retry-after` (seconds)' })),
    retry_after_ms: Type.Optional(Type.Integer({ minimum: 0, description: 'Send `retry-after-ms`' })),
    should_retry: Type.Optional(Type.Boolean({ description: 'Send `x-should-retry: true|false`' })),
  },
  { additionalProperties: false },
);
export type FaultRuleInput = Static<typeof FaultRuleInput>;

export const FaultRule = Type.Object({
  ...FaultRuleInput.properties,
  id: Type.String({ description: 'Sent as `x-pricebook-fault` on every response the rule faults' }),
  remaining: Type.Union([Type.Integer(), Type.Null()], { description: 'What is left of `times`; null: unlimited' }),
  fired: Type.Integer({ description: 'How many requests this rule has faulted' }),
  created_at: Type.String({ format: 'date-time' }),
});
export type FaultRule = Static<typeof FaultRule>;

interface ActiveRule {
  rule: FaultRule;
  matchesPath: (path: string) => boolean;
}

/** The Dodo-style code an injected status answers with when the rule names none. */
const DEFAULT_CODES: Record<number, string> = {
  408: 'REQUEST_TIMEOUT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

function pathMatcher(pattern: string | undefined): (path: string) => boolean {
  if (!pattern) return () => true;
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '**') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.split('*').map(escapeRegExp).join('[^/]*');
    })
    .join('/');
  const regex = new RegExp(`^${source}/?$`);
  return (path) => regex.test(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fault rules held in memory, per business and mode: they never reach another business's requests. */
export class FaultRegistry {
  readonly #rules = new Map<string, ActiveRule[]>();

  add(scope: Scope, input: FaultRuleInput): FaultRule {
    if (input.status === undefined && input.latency_ms === undefined && !input.drop_connection) {
      throw new ApiError('INVALID_REQUEST_BODY', 'a fault rule needs status, latency_ms or drop_connection');
    }
    const headers = input.retry_after ?? input.retry_after_ms ?? input.should_retry;
    if (headers !== undefined && input.status === undefined) {
      throw new ApiError('INVALID_REQUEST_BODY', 'retry_after, retry_after_ms and should_retry need a status');
    }
    const rule: FaultRule = {
      ...input,
      method: input.method?.toUpperCase() ?? '*',
      id: `flt_${randomBase62(16)}`,
      remaining: input.times ?? null,
      fired: 0,
      created_at: new Date().toISOString(),
    };
    const rules = this.#rules.get(scopeKey(scope)) ?? [];
    rules.push({ rule, matchesPath: pathMatcher(input.path) });
    this.#rules.set(scopeKey(scope), rules);
    return rule;
  }

  list(scope: Scope): FaultRule[] {
    return (this.#rules.get(scopeKey(scope)) ?? []).map((active) => active.rule);
  }

  remove(scope: Scope, id: string): FaultRule | undefined {
    const rules = this.#rules.get(scopeKey(scope)) ?? [];
    const index = rules.findIndex((active) => active.rule.id === id);
    return index < 0 ? undefined : rules.splice(index, 1)[0]?.rule;
  }

  clear(scope: Scope): number {
    const count = this.#rules.get(scopeKey(scope))?.length ?? 0;
    this.#rules.delete(scopeKey(scope));
    return count;
  }

  /** The first rule that matches the request and fires this time, counted as fired; a used-up rule goes away. */
  pick(scope: Scope, method: string, url: string, operation: string | undefined): FaultRule | undefined {
    // Most businesses have no rules: their requests pay for this lookup only.
    const rules = this.#rules.get(scopeKey(scope));
    if (!rules) return undefined;
    const path = url.split('?')[0] ?? '/';
    const index = rules.findIndex(
      ({ rule, matchesPath }) =>
        (rule.method === '*' || rule.method === method) &&
        (rule.operation === undefined || rule.operation === operation) &&
        matchesPath(path) &&
        Math.random() < (rule.probability ?? 1),
    );
    const rule = rules[index]?.rule;
    if (!rule) return undefined;
    rule.fired += 1;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining === 0) rules.splice(index, 1);
    }
    return rule;
  }
}

/**
 * Applies the caller's fault rules to every route of `app`'s scope; registered after the API-key check, which
 * tells whose rules apply.
 */
export function applyFaults(app: FastifyInstance, faults: FaultRegistry, log: RequestLog): void {
  app.addHook('onRequest', async (request, reply) => {
    const rule = faults.pick(request.ctx.scope, request.method, request.url, request.routeOptions.schema?.operationId);
    if (!rule) return;
    reply.header('x-pricebook-fault', rule.id);
    if (rule.latency_ms) await sleep(rule.latency_ms);
    if (rule.drop_connection) {
      log.record(request, 0, reply.elapsedTime, null);
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (rule.status === undefined) return;
    if (rule.retry_after !== undefined) reply.header('retry-after', String(rule.retry_after));
    if (rule.retry_after_ms !== undefined) reply.header('retry-after-ms', String(rule.retry_after_ms));
    if (rule.should_retry !== undefined) reply.header('x-should-retry', String(rule.should_retry));
    return reply.code(rule.status).send({
      code: rule.code ?? DEFAULT_CODES[rule.status] ?? 'INJECTED_FAULT',
      message: rule.message ?? `Injected by Pricebook fault rule ${rule.id}`,
    });
  });
}
