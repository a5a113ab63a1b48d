import type { ErrorObject, ValidateFunction } from 'ajv';
import _Ajv from 'ajv';
import _addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Under NodeNext a CommonJS default import is typed as the module namespace; at runtime it is the class.
const Ajv = _Ajv as unknown as typeof _Ajv.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    // Off with `strict`, unless asked: without it `number` admits Infinity. Not where text is coerced, though:
    // there Ajv turns "Infinity" into a number and then skips every bound of a number that is not finite.
    strictNumbers: !coerceTypes,
    // The Price union is a oneOf with a discriminator, as in the spec: Ajv then checks only the branch that
    // `type` names, so a mistake in a price gets that branch's errors and not three branches' worth.
    discriminator: true,
    strict: false,
    useDefaults: false,
    removeAdditional: false,
    // The schemas are this code's own, built with TypeBox; checking each against JSON Schema's meta-schema first
    // compiled that meta-schema on the first request of every start (~10 ms of it, bench/RESULTS.md).
    validateSchema: false,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and keep their types (a "100" is not a price); query strings and path parameters
// arrive as text, so they are coerced.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/**
 * A route that takes a body got none, or an empty one (body-parsers.ts): one error that names the body,
 * where Ajv would say "body must be object".
 */
const MISSING_BODY: ErrorObject = {
  keyword: 'required',
  instancePath: '',
  schemaPath: '#',
  params: {},
  message: 'is required: send a JSON object',
};

/**
 * Each schema is compiled when a request first needs it, not at start: compiling every route's schemas
 * was the largest share of the CPU a start took (bench/RESULTS.md). Fastify reads `errors` off the
 * function it was given, so the compiled validator's errors are copied there.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    // Fastify hands a missing body over as null.
    if (httpPart === 'body' && data == null) {
      validate.errors = [MISSING_BODY];
      return false;
    }
    compiled ??= (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate;
};
