// fast-json-stringify serializes an `anyOf`/`oneOf` by running Ajv on the value against each branch in
// turn until one matches: for a price that means checking a 150-currency enum and every field of up to
// three branches, for each of the dozen nullable fields of a product a validator call, and for a list of
// 100 products or a collection of 1,000 items all of it again per element (bench/RESULTS.md). These
// rewrites give the serializer the same answer from a type check: only response schemas are rewritten,
// and only into forms that serialize every valid value exactly as before.
//
// What still needs Ajv is the `if` of each if/then/else written here, and each branch of a union left as it is.
// Ajv finds a schema written inside the response by a pointer into it, and compiles the whole response schema to
// get there: 75-100 ms on a product route's first answer, a third of the time from start to first answer. Each
// is therefore a `$ref` to a small schema of its own, handed to the serializer as an external schema (`tests`).

type Schema = { [key: string]: unknown };

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'null']);
const BRANCHING = ['anyOf', 'oneOf', 'allOf', 'if', '$ref'];

// Keywords that only restrict values. A rewritten schema may still be checked by Ajv when it sits inside a
// union the rewrite leaves alone, and there `{type: ['string', 'null'], enum: [...]}` would refuse null.
// Serializing never depends on them.
const RESTRICTIONS = [
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
];

function unrestricted(schema: Schema): Schema {
  const copy = { ...schema };
  for (const key of RESTRICTIONS) delete copy[key];
  return copy;
}

const isNull = (s: Schema) => s.type === 'null';
const isPrimitive = (s: Schema) =>
  typeof s.type === 'string' && PRIMITIVES.has(s.type) && !BRANCHING.some((k) => k in s);

/**
 * The small schemas that the `if`s and the branches refer to, by id. None below a schema with an `$id` of its
 * own (`tests` is undefined there): fast-json-stringify hands Ajv such a schema without the external ones, so
 * its tests are written in place and its unions' branches left where they are.
 */
export type Tests = Record<string, Schema>;

/** JSON Schema's if/then/else: a schema, not a promise, whatever a `then` key suggests. */
function conditional(tests: Tests | undefined, id: string, test: Schema, yes: Schema, no: Schema): Schema {
  if (tests) tests[id] = { $id: id, ...test };
  // biome-ignore lint/suspicious/noThenProperty: the `then` keyword of JSON Schema
  return { if: tests ? { $ref: id } : test, then: yes, else: no };
}

/** The value of `type` that tells this branch apart, when the branch is an object with a constant `type`. */
function discriminant(branch: Schema): unknown {
  if (branch.type !== 'object' || !isSchema(branch.properties)) return undefined;
  const tag = branch.properties.type;
  return isSchema(tag) ? tag.const : undefined;
}

/** `oneOf` of objects told apart by a constant `type`: a chain of if/then/else on that constant alone. */
function byDiscriminant(tests: Tests | undefined, branches: Schema[]): Schema | undefined {
  const tags = branches.map(discriminant);
  if (tags.some((t) => typeof t !== 'string') || new Set(tags).size !== tags.length) return undefined;
  let chain: Schema = branches[branches.length - 1]!;
  for (let i = branches.length - 2; i >= 0; i--) {
    chain = conditional(
      tests,
      `pricebook-type-${encodeURIComponent(tags[i] as string)}`,
      { type: 'object', properties: { type: { const: tags[i] } }, required: ['type'] },
      branches[i]!,
      chain,
    );
  }
  return chain;
}

function rewriteUnion(tests: Tests | undefined, outer: Schema, branches: Schema[]): Schema | undefined {
  const nulls = branches.filter(isNull);
  const rest = branches.filter((b) => !isNull(b));
  // Branches of distinct primitive types: one multi-type schema, chosen by typeof.
  if (branches.every(isPrimitive)) {
    const types = branches.map((b) => b.type as string);
    if (new Set(types).size === types.length && !(types.includes('integer') && types.includes('number'))) {
      return { ...unrestricted(Object.assign({}, ...branches)), ...outer, type: types };
    }
  }
  if (nulls.length === 1 && rest.length === 1) {
    const [only] = rest as [Schema];
    // `nullable` is honoured only by a schema without branching keywords; otherwise test for null first.
    if (!BRANCHING.some((k) => k in only)) return { ...unrestricted(only), ...outer, nullable: true };
    return { ...outer, ...conditional(tests, 'pricebook-null', { type: 'null' }, { type: 'null' }, only) };
  }
  if (nulls.length === 0) {
    const chain = byDiscriminant(tests, rest);
    return chain && { ...outer, ...chain };
  }
  return undefined;
}

function rewrite(tests: Tests | undefined, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rewrite(tests, item));
  if (!isSchema(schema)) return schema;
  const inner = '$id' in schema ? undefined : tests;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = rewrite(inner, value);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = copy[key];
    if (!Array.isArray(branches) || !branches.every(isSchema)) continue;
    const { [key]: _, discriminator: __, ...outer } = copy;
    const rewritten = rewriteUnion(inner, outer, branches);
    if (rewritten) return rewritten;
    // Left a union, each branch is still validated: against a schema of its own, for the same reason as a test.
    if (inner) {
      copy[key] = branches.map((branch) => {
        const id = `pricebook-branch-${Object.keys(inner).length}`;
        inner[id] = { $id: id, ...branch };
        return { $ref: id };
      });
    }
  }
  return copy;
}

/**
 * A copy of `schema` with its unions rewritten where a type check decides the branch, and the tests its `if`s
 * refer to, which the serializer must be given as external schemas.
 */
export function fastUnions(schema: unknown): { schema: unknown; tests: Tests } {
  const tests: Tests = {};
  return { schema: rewrite(tests, schema), tests };
}
