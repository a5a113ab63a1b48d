import { invalid } from '../../errors.ts';
import { FILTER_LIMITS, type MeterFilter } from './schema.ts';

/** Every aggregation but `count` reads an event property, so it needs `aggregation.key`. */
export function checkAggregation(aggregation: { type: string; key?: string | null }): void {
  if (aggregation.type !== 'count' && !aggregation.key) {
    throw invalid(
      'INVALID_REQUEST_BODY',
      `body/aggregation/key is required when aggregation.type is ${aggregation.type}`,
    );
  }
}

/** The spec's schema cannot bound the recursion, so the depth (top filter = level 1) is checked here. */
export function checkFilterDepth(filter: MeterFilter, level = 1, path = 'body/filter'): void {
  if (level > FILTER_LIMITS.depth) {
    throw invalid('INVALID_REQUEST_BODY', `${path} nests filters deeper than ${FILTER_LIMITS.depth} levels`);
  }
  filter.clauses.forEach((clause, i) => {
    if ('clauses' in clause) checkFilterDepth(clause, level + 1, `${path}/clauses/${i}`);
  });
}
