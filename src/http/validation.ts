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
    // The Price union is a oneOf with a discriminator, as in the spec: Ajv then checks only the branch that
    // `type` names, so a mistake in a price gets that branch's errors and not three branches' worth.
    discriminator: true,
    strict: false,
    useDefaults: false,
    removeAdditional: false,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and keep their types (a "100" is not a price); query strings and path parameters
// arrive as text, so they are coerced.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
