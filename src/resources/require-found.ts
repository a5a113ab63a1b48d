import { type ErrorCode, invalid } from '../errors.ts';

/** Refuses a request (422 `code`) that names ids of which some were not found, listing those. */
export function requireFound(ids: readonly string[], found: ReadonlySet<string>, code: ErrorCode, field: string): void {
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalid(code, `${field} names ids that do not exist: ${missing.join(', ')}`);
}
