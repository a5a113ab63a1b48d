import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { requireFound } from '../require-found.ts';
import { findMeters, holdMeters, type MeterRow } from './store.ts';

export type { MeterRow };

// What other resources may ask of meters.

/**
 * A price may name only meters of its business and mode that are not archived. They are held until `tx` ends,
 * so an archive waits for the product that names them, and a product waits for an archive under way.
 */
export async function lockUsable(tx: Tx, scope: Scope, ids: readonly string[]): Promise<void> {
  const meters = await holdMeters(tx, scope, ids);
  requireFound(ids, new Set(meters.map((m) => m.id)), 'MISSING_METER_IDS', 'price.meters');
  const archived = meters.filter((m) => m.archived).map((m) => m.id);
  if (archived.length > 0)
    throw invalid('METER_IS_DELETED', `price.meters names archived meters: ${archived.join(', ')}`);
}

/** The meters of this business and mode among `ids`, in any state: what a price shows of each. */
export function find(db: Executor, scope: Scope, ids: readonly string[]): Promise<MeterRow[]> {
  return findMeters(db, scope, ids);
}
