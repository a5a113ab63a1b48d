import { sql } from 'kysely';
import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import type { Placement } from '../../lib/ordering.ts';

/** The tables whose rows are ordered siblings, unique by (parent, position). */
export type OrderedTable = 'product_collection_groups' | 'product_collection_items';

/**
 * Moves rows to their new positions. The unique (parent, position) index is checked row by row even inside
 * one statement, so the moving rows are first parked at distinct negative positions (-1 - position), and only
 * then given their final ones: no two rows ever share a position on the way.
 */
export async function writePlacements(
  db: Executor,
  table: OrderedTable,
  scope: Scope,
  placements: readonly Placement[],
): Promise<void> {
  const parts = batches(placements);
  const moving = (ids: string[]) =>
    db
      .updateTable(table)
      .where('business_id', '=', scope.businessId)
      .where('mode', '=', scope.mode)
      .where('id', 'in', ids);
  for (const part of parts) {
    await moving(part.map((p) => p.id))
      .set({ position: sql<number>`-1 - position` })
      .execute();
  }
  for (const part of parts) {
    const cases = sql.join(
      part.map((p) => sql`WHEN ${p.id} THEN ${sql.lit(p.position)}`),
      sql` `,
    );
    await moving(part.map((p) => p.id))
      .set({ position: sql<number>`CASE id ${cases} END` })
      .execute();
  }
}
