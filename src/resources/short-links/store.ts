import type { Insertable, Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { ShortLinksTable } from '../../db/schema.ts';
import { type UniqueIndex, violates } from '../../db/unique-violations.ts';
import { ApiError } from '../../errors.ts';
import type { Page } from '../../lib/pagination.ts';

export type ShortLinkRow = Selectable<ShortLinksTable>;

const SLUG: UniqueIndex = {
  name: 'short_links_slug',
  columns: ['short_links.business_id', 'short_links.mode', 'short_links.slug'],
};

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('short_links').selectAll().where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

/** A slug is unique per business and mode; the index settles races between two creates. */
export async function insertShortLink(db: Executor, row: Insertable<ShortLinksTable>): Promise<void> {
  try {
    await db.insertInto('short_links').values(row).execute();
  } catch (error) {
    if (violates(error, SLUG)) throw new ApiError('SLUG_ALREADY_TAKEN', `the slug ${row.slug} is already taken`);
    throw error;
  }
}

/** Newest first. */
export async function listShortLinks(
  db: Executor,
  scope: Scope,
  productId: string | undefined,
  page: Page,
): Promise<ShortLinkRow[]> {
  let query = scoped(db, scope);
  if (productId !== undefined) query = query.where('product_id', '=', productId);
  return query.orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function findShortLink(db: Executor, scope: Scope, slug: string): Promise<ShortLinkRow | undefined> {
  return scoped(db, scope).where('slug', '=', slug).executeTakeFirst();
}
