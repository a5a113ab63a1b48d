import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { fastUnions } from './fast-unions.ts';

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled when its route first answers
 * rather than all at start: compiling every response schema of every route was about a sixth of the CPU a
 * start took, and the start is what a developer or CI waits for (bench/RESULTS.md). Unions are rewritten
 * first so that choosing a branch is a type check, or a validation against a small schema (see fast-unions.ts).
 */
export const lazySerializers: SerializerSelector.SerializerFactory = (externalSchemas, options) => (route) => {
  let serialize: ((data: unknown) => string) | undefined;
  return (data: unknown) => {
    if (serialize === undefined) {
      const { schema, tests } = fastUnions(route.schema);
      serialize = SerializerSelector()({ ...(externalSchemas as object), ...tests }, options)({ ...route, schema });
    }
    return serialize(data);
  };
};
