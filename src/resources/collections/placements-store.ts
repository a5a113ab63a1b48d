import { sql } from 'kysely';
import type { Scope } from '../../context.ts';
import { batches } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import type { Mode } from '../../db/schema.ts';
import type { Placement } from '../../lib/ordering.ts';

/** The tables whose rows are ordered siblings, unique by (parent, position). */
export type OrderedTable = 'product_collection_groups' | 'product_collection_items';

/** Positions travel as text and are cast back in SQL: the compiled statements' list slots hold strings. */
type Moving = { businessId: string; mode: string; ids: readonly string[]; positions: readonly string[] };

// Compiled once per table and batch length, rather than built by Kysely on every reorder: building the two
// statements was most of a group reorder's own CPU after its HTTP request (bench/RESULTS.md).
function placementQueries(table: OrderedTable) {
  const moving = (db: Executor, businessId: string, mode: string, ids: string[]) =>
    db
      .updateTable(table)
      .where('business_id', '=', businessId)
      .where('mode', '=', mode as Mode)
      .where('id', 'in', ids);
  return {
    park: prepared<Moving, never>((db, slots) =>
      moving(db, slots.text('businessId'), slots.text('mode'), slots.list('ids')).set({
        position: sql<number>`-1 - position`,
      }),
    ),
    place: prepared<Moving, never>((db, slots) => {
      const ids = slots.list('ids');
      const positions = slots.list('positions');
      const cases = sql.join(
        ids.map((id, i) => sql`WHEN ${id} THEN CAST(${positions[i]} AS INTEGER)`),
        sql` `,
      );
      return moving(db, slots.text('businessId'), slots.text('mode'), ids).set({
        position: sql<number>`CASE id ${cases} END`,
      });
    }),
  };
}

const queries = {
  product_collection_groups: placementQueries('product_collection_groups'),
  product_collection_items: placementQueries('product_collection_items'),
};

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
  const { park, place } = queries[table];
  const parts = batches(placements).map((part) => ({
    businessId: scope.businessId,
    mode: scope.mode,
    ids: part.map((p) => p.id),
    positions: part.map((p) => String(p.position)),
  }));
  for (const part of parts) await park(db, part);
  for (const part of parts) await place(db, part);
}
