import type { FastifyInstance } from 'fastify';
import { ApiError, type ErrorCode } from '../errors.ts';

// What both stores can keep exactly as sent is decided here, once, for every route and every part of a request:
// PostgreSQL refuses U+0000 in text (SQLite keeps it), both replace a lone surrogate when they encode UTF-8, and
// JSON's 1e400 parses to Infinity, which JSON.stringify then stores as null. A request carrying any of these is
// refused before validation, so no service and no store ever sees one.

/**
 * How deeply a request's JSON may nest. The deepest shape any request needs (a meter filter three filters deep)
 * takes 8 levels; the bound keeps every recursive walk over a body, here and after, short.
 */
export const MAX_DEPTH = 32;

/** U+0000, and a surrogate that is not half of a pair (`\p{Cs}` matches only those under the `u` flag). */
const UNSTORABLE = /[\0\p{Cs}]/u;

function stringProblem(text: string, at: string): string | undefined {
  if (!UNSTORABLE.test(text)) return undefined;
  return `${at} must not contain U+0000 or a lone surrogate`;
}

/** Why `value` cannot be stored as sent, naming where in it (`body/metadata/k`), or undefined when it can. */
export function illFormed(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === 'string') return stringProblem(value, at);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} must be a finite number`;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) return `${at} nests deeper than ${MAX_DEPTH} levels`;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    const path = `${at}/${key}`;
    const problem =
      (typeof key === 'string' ? stringProblem(key, `the key ${path}`) : undefined) ?? illFormed(item, path, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

const PARTS: [part: 'params' | 'query' | 'body', label: string, code: ErrorCode][] = [
  ['params', 'params', 'INVALID_REQUEST_PARAMETERS'],
  ['query', 'querystring', 'INVALID_QUERY_PARAMS'],
  ['body', 'body', 'INVALID_REQUEST_BODY'],
];

/** Refuses, with 422, any request whose path, query or body holds what a store cannot keep as sent. */
export function refuseIllFormedInput(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, label, code] of PARTS) {
      const problem = illFormed(request[part], label);
      if (problem) return done(new ApiError(code, problem));
    }
    done();
  });
}
