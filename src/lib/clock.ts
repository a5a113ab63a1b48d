/** Timestamps are RFC 3339 UTC strings; they sort lexically in time order, which the lists rely on. */
export function now(): string {
  return new Date().toISOString();
}

/** Milliseconds since the epoch. Whatever checks an expiry takes one, so tests can move time instead of waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
