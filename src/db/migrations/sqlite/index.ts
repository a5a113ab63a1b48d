import type { Migration } from 'kysely';
import * as m001 from './001_foundation.ts';
import * as m002 from './002_collections.ts';
import * as m003 from './003_catalog_references.ts';
import * as m004 from './004_media_links_localized_prices.ts';
import * as m005 from './005_entitlement_files.ts';
import * as m006 from './006_guards.ts';
import * as m007 from './007_scoped_id_indexes.ts';

// Numbered, immutable migrations: add a file and a line, never edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_collections': m002,
  '003_catalog_references': m003,
  '004_media_links_localized_prices': m004,
  '005_entitlement_files': m005,
  '006_guards': m006,
  '007_scoped_id_indexes': m007,
};
