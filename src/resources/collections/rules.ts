import { type ApiError, invalid } from '../../errors.ts';
import { permutationProblem } from '../../lib/ordering.ts';

/** A collection keeps at least one product; emptying it is what archiving is for. */
export function mustHaveProducts(): ApiError {
  return invalid(
    'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS',
    'Cannot delete the last product in a collection. Archive the collection instead.',
  );
}

/** A new order must name every current id exactly once (Q6); anything else changes nothing. */
export function requireExactOrder(field: string, current: readonly string[], requested: readonly string[]): void {
  const problem = permutationProblem(current, requested);
  if (!problem) return;
  const parts = [
    problem.missing.length > 0 && `leaves out ${problem.missing.join(', ')}`,
    problem.unknown.length > 0 && `names ids that are not here: ${problem.unknown.join(', ')}`,
    problem.repeated.length > 0 && `repeats ${problem.repeated.join(', ')}`,
  ].filter(Boolean);
  throw invalid(
    'INVALID_REQUEST_BODY',
    `body/${field} must list every current id exactly once: it ${parts.join('; ')}`,
  );
}

/** Named groups are unique within a collection, compared exactly; unnamed groups never clash (Q11). */
export function requireDistinctGroupNames(names: readonly (string | null | undefined)[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name === null || name === undefined) continue;
    if (seen.has(name)) throw duplicateGroupName(name);
    seen.add(name);
  }
}

export function duplicateGroupName(name: string): ApiError {
  return invalid('DUPLICATE_GROUP_NAME', `a group named "${name}" already exists in this collection`);
}

/** The same product twice in one request is refused before anything is looked up. */
export function requireNoRepeatedProducts(productIds: readonly string[]): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of productIds) {
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  if (repeated.size > 0) {
    throw invalid('DUPLICATE_PRODUCT_IDS_IN_REQUEST', `the request names ${[...repeated].join(', ')} more than once`);
  }
}
