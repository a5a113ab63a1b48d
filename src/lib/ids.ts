import { randomBytes, randomUUID } from 'node:crypto';

// Prefixed ids are a prefix, an underscore and 21 base62 characters, like Dodo's own.
export const ID_PREFIX = {
  business: 'bus',
  apiKey: 'key',
  product: 'pdt',
  collection: 'pdc',
  brand: 'brnd',
  addon: 'adn',
  meter: 'mtr',
  localizedPrice: 'lcp',
  creditEntitlement: 'cde',
  entitlement: 'ent',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` uniformly random base62 characters (rejection sampling keeps the distribution flat). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${randomBase62(21)}`;
}

export function newUuid(): string {
  return randomUUID();
}
