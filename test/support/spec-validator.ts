// Checks response bodies against the official Dodo Payments OpenAPI 3.1 spec,
// so tests catch wire-shape drift that our own TypeBox schemas would not.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import _Ajv2020 from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';
import { errorBodyProblem } from './error-body.ts';

// Under NodeNext a CJS default import is `module.exports`, which at runtime is the
// class/plugin itself, but TypeScript types it as the module namespace.
const Ajv2020 = _Ajv2020 as unknown as typeof _Ajv2020.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;
type Ajv = InstanceType<typeof Ajv2020>;

export interface SpecValidator {
  /** Validates one response; pushes a readable message onto `violations` when it does not match. Returns the messages for this call. */
  check(method: string, url: string, status: number, body: unknown): string[];
  /** Checks one response as received; what `wrapFetch` does for each response, for clients that are not fetch. */
  checkText(method: string, url: string, status: number, contentType: string, text: string): void;
  /** Wraps a fetch implementation: every response whose content-type is JSON and which has a body is cloned, parsed and checked. Never throws because of a violation (the SDK would retry); it records. */
  wrapFetch(inner: typeof fetch): typeof fetch;
  readonly violations: string[];
}

const SPEC_ID = 'https://pricebook.test/dodo-openapi.json';
const SPEC_RELATIVE = join('shared', 'reference', 'dodo-openapi.json');

// The spec lives beside the repo (/work/shared next to /work/main); walking up
// instead of a fixed `../../..` keeps working from worktrees at other depths.
function findSpecFile(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, SPEC_RELATIVE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// Keys of these objects are names, not keywords: never rename or drop them.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas', 'schemas']);

// oneOf -> anyOf: several unions overlap (e.g. Metadata values: an integer is also
// a "number"), so strict oneOf would reject valid bodies. `discriminator` only
// makes sense with oneOf and Ajv needs an option to understand it, so drop it.
function toAjvSchema(node: unknown, keysAreNames = false): unknown {
  if (Array.isArray(node)) return node.map((n) => toAjvSchema(n));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (keysAreNames) {
      out[key] = toAjvSchema(value);
    } else if (key !== 'discriminator') {
      out[key === 'oneOf' ? 'anyOf' : key] = toAjvSchema(value, NAME_MAPS.has(key));
    }
  }
  return out;
}

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;
function addOpenApiFormats(ajv: Ajv): void {
  addFormats(ajv);
  const num = (validate: (n: number) => boolean) => ({ type: 'number' as const, validate });
  ajv.addFormat(
    'int32',
    num((n) => Number.isInteger(n) && n >= -INT32 && n < INT32),
  );
  ajv.addFormat(
    'int64',
    num((n) => Number.isInteger(n) && n >= -INT64 && n < INT64),
  );
  ajv.addFormat(
    'uint32',
    num((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32),
  );
  ajv.addFormat(
    'uint64',
    num((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 64),
  );
  ajv.addFormat('float', num(Number.isFinite));
  ajv.addFormat('double', num(Number.isFinite));
}

interface Route {
  template: string;
  segments: string[]; // '' marks a `{param}` segment
  operations: Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>;
}

interface Spec {
  ajv: Ajv;
  routes: Route[];
  compiled: Map<string, ValidateFunction | undefined>;
}

/** `CI` as CI services and `.ci/run` set it: any value but empty, `0` or `false`. */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * The spec file found walking up from `start`. Without it the spec checks cannot run: in CI that is a
 * failure, so the suite's strongest checks never switch off unnoticed; elsewhere (a fresh clone) it is one
 * line saying so, and error bodies are still checked.
 */
export function locateSpec(
  start: string,
  env: NodeJS.ProcessEnv = process.env,
  say: (line: string) => void = console.error,
): string | undefined {
  const file = findSpecFile(start);
  if (file) return file;
  if (inCI(env)) {
    throw new Error(`CI=${env.CI} and ${SPEC_RELATIVE} is not beside the repository: responses cannot be checked`);
  }
  say(`spec checks skipped: ${SPEC_RELATIVE} is not beside the repository (error bodies are still checked)`);
  return undefined;
}

const specFile = locateSpec(dirname(fileURLToPath(import.meta.url)));

/** Whether the official spec sits beside the repository; without it, only error bodies are checked. */
export const specAvailable = specFile !== undefined;

/** The official spec as it is written, for tests that derive their cases from it; undefined without it. */
export function officialSpec(): unknown {
  return specFile === undefined ? undefined : JSON.parse(readFileSync(specFile, 'utf8'));
}

// Loaded once per process: compiling refs out of a ~470 KB document is the slow part.
let shared: Spec | null | undefined;
function loadSpec(): Spec | null {
  if (shared !== undefined) return shared;
  if (!specFile) {
    shared = null;
    return shared;
  }
  const doc = toAjvSchema(JSON.parse(readFileSync(specFile, 'utf8'))) as {
    paths?: Record<string, Route['operations']>;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addOpenApiFormats(ajv);
  // The whole document under one $id, so `#/components/schemas/X` refs resolve.
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  const routes = Object.entries(doc.paths ?? {}).map(([template, operations]) => ({
    template,
    segments: splitPath(template).map((s) => (/^\{[^}]+\}$/.test(s) ? '' : s)),
    operations,
  }));
  shared = { ajv, routes, compiled: new Map() };
  return shared;
}

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function pathOf(url: string): string {
  const { pathname } = new URL(url, 'http://localhost');
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

// Like a per-method router: among templates with this method, the first literal
// segment wins over a `{param}` one (`/products/short_links` beats `/products/{id}`).
function findRoute(routes: Route[], method: string, path: string): Route | undefined {
  const parts = splitPath(path).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const score = (r: Route) => r.segments.map((s) => (s ? '1' : '0')).join('');
  return routes
    .filter((r) => r.operations[method] && r.segments.length === parts.length)
    .filter((r) => r.segments.every((s, i) => s === '' || s === parts[i]))
    .sort((a, b) => (score(a) < score(b) ? 1 : score(a) > score(b) ? -1 : 0))[0];
}

function pointerSegment(s: string): string {
  return encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function validatorFor(spec: Spec, route: Route, method: string, status: number): ValidateFunction | undefined {
  const key = `${method} ${route.template} ${status}`;
  if (spec.compiled.has(key)) return spec.compiled.get(key);
  const responses = route.operations[method]?.responses ?? {};
  const code = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
  let validate: ValidateFunction | undefined;
  if (code && responses[code]?.content?.['application/json']?.schema) {
    const pointer = ['paths', route.template, method, 'responses', code, 'content', 'application/json', 'schema']
      .map(pointerSegment)
      .join('/');
    validate = spec.ajv.compile({ $ref: `${SPEC_ID}#/${pointer}` });
  }
  spec.compiled.set(key, validate);
  return validate;
}

export function createSpecValidator(): SpecValidator {
  const violations: string[] = [];

  const check = (method: string, url: string, status: number, body: unknown): string[] => {
    const path = pathOf(url);
    const problem = status >= 400 ? errorBodyProblem(body) : undefined;
    if (problem) {
      const message = `${method.toUpperCase()} ${path} ${status}: ${problem}`;
      violations.push(message);
      return [message];
    }
    const spec = loadSpec();
    if (!spec) return [];
    const m = method.toLowerCase();
    const route = findRoute(spec.routes, m, path);
    const validate = route && validatorFor(spec, route, m, status);
    if (!validate || validate(body)) return [];
    const message = `${method.toUpperCase()} ${path} ${status}: ${spec.ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
    violations.push(message);
    return [message];
  };

  const checkText = (method: string, url: string, status: number, contentType: string, text: string): void => {
    // An error always carries its body (HEAD aside, which carries none); a success is checked when it is JSON.
    const isError = status >= 400 && method.toUpperCase() !== 'HEAD';
    if (!isError && !(text.trim() && /\bjson\b/i.test(contentType))) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      violations.push(`${method.toUpperCase()} ${pathOf(url)} ${status}: unreadable JSON body (${String(error)})`);
      return;
    }
    check(method, url, status, body);
  };

  const wrapFetch = (inner: typeof fetch): typeof fetch => {
    const wrapped: typeof fetch = async (input, init) => {
      const response = await inner(input, init);
      const request = input instanceof Request ? input : undefined;
      const method = init?.method ?? request?.method ?? 'GET';
      const url = request ? request.url : input instanceof URL ? input.href : String(input);
      // Recorded, never thrown: a throw here would look like a network error to the SDK.
      const text = response.body ? await response.clone().text() : '';
      checkText(method, url, response.status, response.headers.get('content-type') ?? '', text);
      return response;
    };
    return wrapped;
  };

  return { check, checkText, wrapFetch, violations };
}
