import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import YAML from 'yaml';
import type { FileRef } from './loader.ts';
import { KEY_FIELD, KINDS_WITH_METADATA, readTarget } from './reader.ts';
import { CATALOG_VERSION, type Entry, KINDS, type Kind } from './schema.ts';
import type { Target } from './target.ts';

// Writes what a target holds as a catalog file, with its images and files beside it (by content, so the
// same bytes are written once). Keys come from metadata where the target has it, else from names.

type Json = Record<string, unknown>;

function slug(text: unknown): string {
  const s = String(text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'item';
}

export interface ExportResult {
  file: string;
  counts: Record<Kind, number>;
}

/** `out` is a .yaml/.yml/.json file, or a directory that gets catalog.yaml. */
export async function exportCatalog(
  target: Target,
  out: string,
  onProgress?: (done: number) => void,
): Promise<ExportResult> {
  const file = ['.yaml', '.yml', '.json'].includes(extname(out)) ? out : join(out, 'catalog.yaml');
  const dir = dirname(file);
  const used = new Map<Kind, Set<string>>();
  const assets = new Map<string, Buffer>();
  const held = await readTarget(
    target,
    (kind, raw) => {
      const keys = used.get(kind) ?? new Set<string>();
      used.set(kind, keys);
      const stored = KINDS_WITH_METADATA.includes(kind) ? (raw.metadata as Json | undefined)?.[KEY_FIELD] : undefined;
      let key = typeof stored === 'string' ? stored : slug(raw.name);
      for (let n = 2; keys.has(key); n++) key = `${typeof stored === 'string' ? stored : slug(raw.name)}-${n}`;
      keys.add(key);
      return key;
    },
    { assets, onProgress },
  );
  const written = new Map<string, string>();
  const path = (hash: string, name: string, folder: string) => {
    let relative = written.get(hash);
    if (!relative) {
      // A folder per content keeps the file's own name, which the target shows to buyers.
      relative = `${folder}/${hash.slice(0, 12)}/${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
      mkdirSync(dirname(join(dir, relative)), { recursive: true });
      writeFileSync(join(dir, relative), assets.get(hash) as Buffer);
      written.set(hash, relative);
    }
    return relative;
  };
  const filePaths = (files: unknown) => (files as FileRef[]).map((f) => path(f.sha256, f.name, 'files'));
  const document: Json = { version: CATALOG_VERSION };
  const counts = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    counts[kind] = held[kind].length;
    // Sorted by key: two reads of one catalog give the same file, whatever order the objects were made in.
    const objects = [...held[kind]].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    document[kind] = objects.map(({ entry }) => {
      const out: Entry = structuredClone(entry);
      if (typeof out.image === 'string') out.image = path(out.image, 'image', 'images');
      const delivery = out.digital_product_delivery as Json | null | undefined;
      if (delivery) delivery.files = filePaths(delivery.files);
      const config = out.integration_config as Json | undefined;
      if (out.integration_type === 'digital_files' && config) config.files = filePaths(config.files);
      return out;
    });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    file.endsWith('.json')
      ? `${JSON.stringify(document, null, 2)}\n`
      : YAML.stringify(document, { aliasDuplicateObjects: false }),
  );
  return { file, counts };
}
