import fc from 'fast-check';

// fast-check arbitraries for the values a JSON schema accepts, built from the app's own TypeBox request schemas,
// and the hostile values a fuzzer swaps into them.

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Recursive schemas (`$id` + `$ref`) unfold this many times; deeper, only the branches without a `$ref` remain. */
const UNFOLD = 3;

const refersBack = (schema: unknown) => JSON.stringify(schema).includes('"$ref"');

/** Strings to use for a property, by its name, instead of any the schema accepts: ids of things that exist. */
export type Hints = Record<string, fc.Arbitrary<string>>;

interface Walk {
  hints: Hints;
  refs: Map<string, Schema>;
  depth: number;
  /** The property the value is for (an array's items keep the array's name). */
  property?: string;
}

/** Values the schema accepts, kept small: strings of at most 12 characters, arrays and maps of at most 3 entries. */
export function validValue(schema: Schema, hints: Hints = {}): fc.Arbitrary<unknown> {
  return walkValue(schema, { hints, refs: new Map(), depth: 0 });
}

function walkValue(schema: Schema, walk: Walk): fc.Arbitrary<unknown> {
  const { refs, depth } = walk;
  if (typeof schema.$id === 'string') refs.set(schema.$id, schema);
  if (typeof schema.$ref === 'string') {
    const target = refs.get(schema.$ref);
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    return walkValue(target, { ...walk, depth: depth + 1 });
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) {
    const usable = depth < UNFOLD ? branches : branches.filter((b) => !refersBack(b));
    return fc.oneof(...usable.map((b) => walkValue(b, walk)));
  }
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number) ?? -(2 ** 31),
        max: (schema.maximum as number) ?? 2 ** 31 - 1,
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'string':
      return hinted(walk, stringValue(schema));
    case 'array':
      return fc.array(walkValue(schema.items as Schema, walk), {
        minLength: (schema.minItems as number) ?? 0,
        maxLength: Math.max((schema.minItems as number) ?? 0, Math.min((schema.maxItems as number) ?? 3, 3)),
      });
    case 'object':
      return objectValue(schema, walk);
    default:
      throw new Error(`no arbitrary for ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

/** Mostly a hinted id, so requests get past lookups to the rules behind them; now and then "" or any string. */
function hinted(walk: Walk, any: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const hint = walk.property ? walk.hints[walk.property] : undefined;
  if (!hint) return any;
  return fc.oneof(
    { arbitrary: hint, weight: 3 },
    { arbitrary: fc.constant(''), weight: 1 },
    { arbitrary: any, weight: 1 },
  );
}

function stringValue(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') {
    // fast-check cannot generate from a lookahead: generate without it, and keep what the whole pattern matches.
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(new RegExp(withoutLookaheads(schema.pattern))).filter((s) => pattern.test(s));
  }
  const minLength = (schema.minLength as number) ?? 0;
  const maxLength = Math.max(minLength, Math.min((schema.maxLength as number) ?? 12, 12));
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
}

/** `pattern` with its `(?=…)` and `(?!…)` groups taken out. */
function withoutLookaheads(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (!pattern.startsWith('(?=', i) && !pattern.startsWith('(?!', i)) {
      out += pattern[i];
      continue;
    }
    let open = 0;
    for (; i < pattern.length; i++) {
      if (pattern[i] === '\\') i++;
      else if (pattern[i] === '(') open++;
      else if (pattern[i] === ')' && --open === 0) break;
    }
  }
  return out;
}

function objectValue(schema: Schema, walk: Walk): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const named = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, walkValue(value, { ...walk, property: key })]),
    ),
    { requiredKeys: required },
  );
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  const extra = isSchema(schema.additionalProperties) ? [['^[a-z_]{1,12}$', schema.additionalProperties] as const] : [];
  const maps = [...patterns, ...extra].map(([pattern, value]) =>
    fc.dictionary(fc.stringMatching(new RegExp(pattern)), walkValue(value, { ...walk, property: undefined }), {
      maxKeys: 3,
    }),
  );
  if (maps.length === 0) return named;
  return fc.tuple(named, ...maps).map(([first, ...rest]) => Object.assign({}, ...rest, first));
}

/**
 * JSON text a hostile client puts where a value goes: wrong types, numbers no store column holds or JSON cannot
 * carry (1e400 parses to Infinity), strings PostgreSQL refuses, nesting past any limit, keys nobody declared.
 */
export const HOSTILE_JSON: string[] = [
  '-1',
  '0',
  '-0',
  '1.5',
  '1e400',
  '-1e400',
  '1e-400',
  '1e300',
  '1e21',
  '9999999999999999999',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  'true',
  'null',
  '""',
  '" "',
  '"str"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '"../../../etc/passwd"',
  JSON.stringify('x'.repeat(3000)),
  '[]',
  '[null]',
  '[""]',
  '{}',
  '{"clauses":null}',
  '{"type":"one_time_price"}',
  '{"key":"k","operator":"equals","value":1,"clauses":[]}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  `${'['.repeat(40)}${']'.repeat(40)}`,
  `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`,
];

/** What a hostile client puts in a query value or a path segment, already percent-encoded. */
export const HOSTILE_TEXT: string[] = [
  '',
  '%00',
  'a%00b',
  '-1',
  '1.5',
  '1e300',
  '1e21',
  '9999999999999999999',
  '2147483648',
  'Infinity',
  'NaN',
  'true',
  'abc',
  '%ZZ',
  '%E0%A4%A',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(120),
  encodeURIComponent('"\'<>;--'),
];
