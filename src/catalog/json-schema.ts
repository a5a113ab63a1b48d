import { Catalog } from './schema.ts';

/** The published JSON Schema of the catalog file (docs/catalog.schema.json), from the TypeBox declarations. */
export function catalogJsonSchema(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...JSON.parse(JSON.stringify(Catalog)),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
