import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
export const REPO_DIR = resolve(BENCH_DIR, '..');

/** The OpenAPI document the spec mocks serve: Dodo's, beside the repository. */
export const SPEC_PATH = resolve(process.env.BENCH_SPEC ?? resolve(REPO_DIR, '../shared/reference/dodo-openapi.json'));

/**
 * The Pricebook checkout whose `dist/main.js` is measured; another checkout (an older commit, say) can be
 * compared by pointing PRICEBOOK_DIR at it.
 */
export const PRICEBOOK_DIR = resolve(process.env.PRICEBOOK_DIR ?? REPO_DIR);

export function requireFile(path: string, hint: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  return path;
}
