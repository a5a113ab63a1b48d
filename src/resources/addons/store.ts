import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { forReliance } from '../../db/row-locks.ts';
import type { AddonsTable } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import type { Addon } from './schema.ts';

type Stored = Selectable<AddonsTable>;

/** An addon as the rest of Pricebook sees it: currency and tax category typed. */
export type AddonRow = Omit<Stored, 'currency' | 'tax_category'> & Pick<Addon, 'currency' | 'tax_category'>;
export type NewAddonRow = Omit<AddonRow, 'seq'>;
export type AddonChanges = Partial<Omit<AddonRow, 'id' | 'business_id' | 'mode' | 'seq' | 'created_at'>>;

function fromStored(row: Stored): AddonRow {
  return {
    ...row,
    currency: row.currency as Addon['currency'],
    tax_category: row.tax_category as Addon['tax_category'],
  };
}

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('addons').where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertAddon(db: Executor, row: NewAddonRow): Promise<void> {
  await db.insertInto('addons').values(row).execute();
}

export async function findAddon(db: Executor, scope: Scope, id: string): Promise<AddonRow | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** Which of `ids` name addons of this business and mode, held until `tx` ends. */
export async function holdAddonIds(tx: Tx, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await forReliance(tx, scoped(tx, scope).select('id').where('id', 'in', ids)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Newest first; `seq` follows insertion order. */
export async function listAddons(db: Executor, scope: Scope, page: Page): Promise<AddonRow[]> {
  const rows = await scoped(db, scope)
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(fromStored);
}

export async function updateAddon(db: Executor, scope: Scope, id: string, changes: AddonChanges): Promise<void> {
  await db
    .updateTable('addons')
    .set(changes)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('id', '=', id)
    .execute();
}
