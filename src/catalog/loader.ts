import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import _Ajv from 'ajv';
import _addFormats from 'ajv-formats';
import YAML from 'yaml';
import { Catalog, type Entry, KINDS, type Kind } from './schema.ts';

// Reads a catalog file and turns it into what the planner compares: every image and file becomes the
// SHA-256 of its bytes, so the same bytes are recognised on any target without uploading them again.

const Ajv = _Ajv as unknown as typeof _Ajv.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;
let compiled: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;

/** Compiled on first use: the server imports this module without reading any catalog. */
function validator() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, discriminator: false });
    addFormats(ajv);
    compiled = ajv.compile(Catalog);
  }
  return compiled;
}

export type Entries = Record<Kind, Entry[]>;

/** An uploaded file as the planner compares it. */
export interface FileRef {
  name: string;
  sha256: string;
}

export interface LoadedCatalog {
  entries: Entries;
  /** Bytes by SHA-256, read from the files the catalog names. */
  assets: Map<string, Buffer>;
}

export class CatalogFileError extends Error {}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function emptyEntries(): Entries {
  return Object.fromEntries(KINDS.map((kind) => [kind, []])) as unknown as Entries;
}

export function parseCatalogText(text: string, file: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new CatalogFileError(`${file}: ${(error as Error).message}`);
  }
}

export function loadCatalog(file: string): LoadedCatalog {
  const document = parseCatalogText(readFileSync(file, 'utf8'), file);
  const validate = validator();
  if (!validate(document)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `  ${e.instancePath || '/'} ${e.message}`);
    throw new CatalogFileError(`${file} does not match the catalog schema:\n${problems.join('\n')}`);
  }
  const dir = dirname(resolve(file));
  const assets = new Map<string, Buffer>();
  const asset = (path: string): FileRef => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(dir, path));
    } catch {
      throw new CatalogFileError(`${file}: ${path} cannot be read`);
    }
    const hash = sha256(bytes);
    assets.set(hash, bytes);
    return { name: basename(path), sha256: hash };
  };
  const image = (path: unknown) => (typeof path === 'string' ? asset(path).sha256 : path);
  const files = (paths: unknown) => (Array.isArray(paths) ? paths.map((path: string) => asset(path)) : paths);

  const entries = emptyEntries();
  const seen = new Map<Kind, Set<string>>();
  for (const kind of KINDS) {
    const keys = new Set<string>();
    seen.set(kind, keys);
    for (const raw of ((document as unknown as Record<string, unknown>)[kind] ?? []) as Entry[]) {
      if (keys.has(raw.key)) throw new CatalogFileError(`${file}: ${kind} key "${raw.key}" is used twice`);
      keys.add(raw.key);
      const entry: Entry = structuredClone(raw);
      if ('image' in entry) entry.image = image(entry.image);
      const delivery = entry.digital_product_delivery as Record<string, unknown> | null | undefined;
      if (delivery && 'files' in delivery) delivery.files = files(delivery.files);
      const config = entry.integration_config as Record<string, unknown> | undefined;
      if (entry.integration_type === 'digital_files' && config && 'files' in config) config.files = files(config.files);
      entries[kind].push(entry);
    }
  }
  checkReferences(file, entries, seen);
  return { entries, assets };
}

/** Every key a reference names must be an object of the file: the file is the whole catalog. */
function checkReferences(file: string, entries: Entries, keys: Map<Kind, Set<string>>): void {
  const expect = (owner: Entry, kind: Kind, key: unknown) => {
    if (typeof key === 'string' && !keys.get(kind)?.has(key))
      throw new CatalogFileError(`${file}: "${owner.key}" refers to ${kind} "${key}", which the file does not hold`);
  };
  for (const product of entries.products) {
    expect(product, 'brands', product.brand);
    for (const key of (product.addons as string[] | undefined) ?? []) expect(product, 'addons', key);
    for (const key of (product.entitlements as string[] | undefined) ?? []) expect(product, 'entitlements', key);
    for (const credit of (product.credit_entitlements as Entry[] | undefined) ?? [])
      expect(product, 'credit_entitlements', credit.credit_entitlement);
    for (const meter of ((product.price as Record<string, unknown>).meters as Entry[] | null | undefined) ?? []) {
      expect(product, 'meters', meter.meter);
      expect(product, 'credit_entitlements', meter.credit_entitlement);
    }
  }
  for (const collection of entries.collections) {
    expect(collection, 'brands', collection.brand);
    for (const group of collection.groups as { items: { product: string }[] }[])
      for (const item of group.items) expect(collection, 'products', item.product);
  }
}
