// Ordered siblings (the groups of a collection, the items of a group) carry a 0-based, dense `position`:
// the sibling shown i-th has position i. These functions are pure; stores persist what they return.

export interface Placement {
  id: string;
  position: number;
}

/** The ids in display order. */
export function displayOrder(siblings: readonly Placement[]): string[] {
  return [...siblings].sort((a, b) => a.position - b.position).map((sibling) => sibling.id);
}

/** Why a requested order is not exactly the current ids, each once. */
export interface PermutationProblem {
  missing: string[];
  unknown: string[];
  repeated: string[];
}

/** What keeps `requested` from naming every id of `current` exactly once, or null when it does. */
export function permutationProblem(
  current: readonly string[],
  requested: readonly string[],
): PermutationProblem | null {
  const known = new Set(current);
  const seen = new Set<string>();
  const unknown = new Set<string>();
  const repeated = new Set<string>();
  for (const id of requested) {
    if (!known.has(id)) unknown.add(id);
    else if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  const missing = current.filter((id) => !seen.has(id));
  if (missing.length === 0 && unknown.size === 0 && repeated.size === 0) return null;
  return { missing, unknown: [...unknown], repeated: [...repeated] };
}

/**
 * The placements that make positions follow `order` densely (0..n-1), for only the siblings whose position
 * changes. `order` must be a permutation of the siblings' ids (see `permutationProblem`).
 */
export function placementsFor(siblings: readonly Placement[], order: readonly string[]): Placement[] {
  const current = new Map(siblings.map((sibling) => [sibling.id, sibling.position]));
  return order.flatMap((id, position) => (current.get(id) === position ? [] : [{ id, position }]));
}

/** After some siblings were removed: the placements that close the gaps and keep the display order. */
export function closeGaps(remaining: readonly Placement[]): Placement[] {
  return placementsFor(remaining, displayOrder(remaining));
}

/** Positions for `count` new siblings appended after `existing` dense ones. */
export function appendedPositions(existing: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => existing + i);
}
