import SerializerSelector from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled when its route first answers
 * rather than all at start: compiling every response schema of every route was about a sixth of the CPU a
 * start took, and the start is what a developer or CI waits for (bench/RESULTS.md).
 */
export const lazySerializers: SerializerSelector.SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => {
      serialize ??= compile(route);
      return serialize(data);
    };
  };
};
