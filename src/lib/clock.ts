/** Timestamps are RFC 3339 UTC strings; they sort lexically in time order, which the lists rely on. */
export function now(): string {
  return new Date().toISOString();
}
