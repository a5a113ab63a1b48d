import { IDEMPOTENCY_HEADER } from './idempotency.ts';

/** The parts of an OpenAPI document this touches. */
export interface OpenApiDocument {
  components?: { parameters?: Record<string, unknown>; responses?: Record<string, unknown> };
  paths?: Record<string, Record<string, unknown> | undefined>;
}

interface Operation {
  parameters?: unknown[];
  responses: Record<string, unknown>;
}

/** Which guards answer on the wire, so /openapi.json shows what a client may meet. */
export interface GuardsOnTheWire {
  rateLimit: boolean;
  idempotency: boolean;
}

const errorBody = (codes: string[]) => ({
  schema: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string', enum: codes }, message: { type: 'string' } },
  },
});

const COMPONENTS = {
  parameters: {
    IdempotencyKey: {
      name: IDEMPOTENCY_HEADER,
      in: 'header',
      required: false,
      description:
        'Sent again with the same request within 24 hours, the first answer (status and body) comes back, with ' +
        '`idempotent-replayed: true`, and nothing is done twice. The same key with another request is 422.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    },
  },
  responses: {
    TooManyRequests: {
      description: 'Over the rate limit of this API key; send it again after `retry-after` seconds.',
      headers: { 'retry-after': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
      content: { 'application/json': errorBody(['TOO_MANY_REQUESTS']) },
    },
    ReadOnlyApiKey: {
      description: 'The API key is read-only (`pricebook keys create --read-only`).',
      content: { 'application/json': errorBody(['READ_ONLY_API_KEY']) },
    },
    IdempotencyKeyInUse: {
      description:
        'The request first sent with this Idempotency-Key is still being answered; retry after `retry-after`.',
      headers: { 'retry-after': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
      content: { 'application/json': errorBody(['IDEMPOTENCY_KEY_IN_USE']) },
    },
  },
};

const ref = (to: string) => ({ $ref: `#/components/${to}` });

/** Adds the guards' header and answers to every operation of the document that can meet them. */
export function documentGuards<T extends OpenApiDocument>(doc: T, guards: GuardsOnTheWire): T {
  const components = doc.components ?? {};
  components.parameters = { ...components.parameters, ...COMPONENTS.parameters };
  components.responses = { ...components.responses, ...COMPONENTS.responses };
  doc.components = components;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // The developer endpoints sit beside the API (src/app.ts): no rate limit and no replays there, though a
    // read-only key is refused on their writes as anywhere else.
    const api = !path.startsWith('/_pricebook/');
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const op = operation as Operation;
      const { responses } = op;
      if (guards.rateLimit && api) responses['429'] ??= ref('responses/TooManyRequests');
      if (method === 'get' || method === 'head') continue;
      responses['403'] ??= ref('responses/ReadOnlyApiKey');
      if (guards.idempotency && api && (method === 'post' || method === 'patch')) {
        op.parameters = [...(op.parameters ?? []), ref('parameters/IdempotencyKey')];
        responses['409'] ??= ref('responses/IdempotencyKeyInUse');
      }
    }
  }
  return doc;
}
