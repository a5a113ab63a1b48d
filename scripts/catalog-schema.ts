// Writes docs/catalog.schema.json from the catalog file's TypeBox declarations: npm run catalog-schema
import { writeFileSync } from 'node:fs';
import { catalogJsonSchema } from '../src/catalog/json-schema.ts';

writeFileSync(new URL('../docs/catalog.schema.json', import.meta.url), catalogJsonSchema());
