import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { validatorCompiler } from '../src/http/validation.ts';
import { type DeclaredRoute, declaredRoutes } from './support/routes.ts';

// Properties every request schema of the app must have, checked on the schemas the routes declare, so that a
// schema added later cannot bring back a 5xx from input: types stated everywhere, numbers finite and within
// the range of the column they land in, and nothing validated that the well-formedness check does not see.

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request parts a route may validate: those `refuseIllFormedInput` checks, under Fastify's names. */
const REQUEST_PARTS = ['params', 'querystring', 'body'] as const;

interface Node {
  schema: Schema;
  /** Where in the route's request it sits, e.g. `POST /products body/price/price`. */
  at: string;
  /** The last property name on the way, which names the column a value is stored in. */
  property: string | undefined;
  part: (typeof REQUEST_PARTS)[number];
}

/** Every sub-schema of the route's request parts, with where it sits; `$ref`s are leaves (the recursive filter). */
function nodesOf(route: DeclaredRoute): Node[] {
  const nodes: Node[] = [];
  let part: Node['part'] = 'body';
  const visit = (schema: unknown, at: string, property: string | undefined) => {
    if (!isSchema(schema)) return;
    nodes.push({ schema, at, property, part });
    if (isSchema(schema.properties)) {
      for (const [key, value] of Object.entries(schema.properties)) visit(value, `${at}/${key}`, key);
    }
    if (isSchema(schema.patternProperties)) {
      for (const value of Object.values(schema.patternProperties)) visit(value, `${at}/*`, property);
    }
    if (isSchema(schema.additionalProperties)) visit(schema.additionalProperties, `${at}/*`, property);
    if (schema.items) visit(schema.items, `${at}/[]`, property);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = schema[key];
      if (!Array.isArray(branches)) continue;
      for (const [i, branch] of branches.entries()) visit(branch, `${at}(${key} ${i})`, property);
    }
  };
  for (const name of REQUEST_PARTS) {
    part = name;
    visit(route.schema[name], `${route.method} ${route.url} ${name === 'querystring' ? 'query' : name}`, undefined);
  }
  return nodes;
}

/** A schema states its type when it names one, refers to one, or is a union whose every branch states one. */
function statesType(schema: Schema): boolean {
  if (typeof schema.type === 'string' || Array.isArray(schema.type) || typeof schema.$ref === 'string') return true;
  const branches = schema.anyOf ?? schema.oneOf;
  return Array.isArray(branches) && branches.length > 0 && branches.every((b) => isSchema(b) && statesType(b));
}

/** Integer columns as the PostgreSQL migrations declare them (SQLite's INTEGER holds 64 bits: PostgreSQL's bounds). */
function integerColumns(): Map<string, number> {
  const dir = join(import.meta.dirname, '..', 'src', 'db', 'migrations', 'postgres');
  const columns = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    for (const [, name, type] of readFileSync(join(dir, file), 'utf8').matchAll(/^\s+(\w+) (INTEGER|BIGINT)\b/gm)) {
      const max = type === 'BIGINT' ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1;
      columns.set(name!, Math.min(columns.get(name!) ?? Number.POSITIVE_INFINITY, max));
    }
  }
  return columns;
}

let routes: DeclaredRoute[] = [];
let nodes: Node[] = [];
before(async () => {
  routes = await declaredRoutes();
  nodes = routes.flatMap(nodesOf);
});

describe('request schemas', () => {
  test('cover every operation of the spec and the public routes', () => {
    assert.equal(routes.filter((r) => r.authenticated).length, 57);
    assert.ok(nodes.length > 500, `${nodes.length} schema nodes`);
  });

  test('validate only the parts the well-formedness check sees', () => {
    for (const route of routes) {
      const validated = ['headers', 'params', 'querystring', 'query', 'body'].filter((part) => part in route.schema);
      for (const part of validated) {
        assert.ok(
          (REQUEST_PARTS as readonly string[]).includes(part),
          `${route.method} ${route.url} validates ${part}`,
        );
      }
    }
  });

  test('state the type of every value, unions included', () => {
    const untyped = nodes.filter((n) => !statesType(n.schema)).map((n) => n.at);
    assert.deepEqual(untyped, []);
  });

  test('state `type: object` on every discriminated union, which Ajv checks only for objects', () => {
    const open = nodes.filter((n) => 'discriminator' in n.schema && n.schema.type !== 'object').map((n) => n.at);
    assert.deepEqual(open, []);
  });

  test('bound every integer, within the range of the column it is stored in', () => {
    const columns = integerColumns();
    assert.ok(columns.size > 10, 'the migrations declare integer columns');
    for (const { schema, at, property } of nodes) {
      if (schema.type !== 'integer') continue;
      const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
      assert.ok(typeof minimum === 'number' && typeof maximum === 'number', `${at} has no minimum or maximum`);
      const columnMax = (property && columns.get(property)) || Number.MAX_SAFE_INTEGER;
      assert.ok(maximum <= columnMax && minimum >= -columnMax - 1, `${at}: [${minimum}, ${maximum}] > ${columnMax}`);
    }
  });

  test('refuse non-finite numbers wherever a number or an integer is taken, as JSON or as text', () => {
    const numeric = nodes.filter((n) => n.schema.type === 'number' || n.schema.type === 'integer');
    assert.ok(numeric.some((n) => n.schema.type === 'number'));
    for (const { schema, at, part } of numeric) {
      const validate = validatorCompiler({ schema, httpPart: part, method: 'POST', url: '/' });
      const values = part === 'body' ? [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN] : [];
      for (const value of [...values, 'Infinity', '-Infinity', 'NaN', '1e400']) {
        assert.equal(validate(value), false, `${at} takes ${value}`);
      }
    }
  });
});
