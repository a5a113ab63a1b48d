import type { Insertable, Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { UploadsTable } from '../../db/schema.ts';

export type UploadRow = Selectable<UploadsTable>;
export type UploadCheck = Pick<UploadRow, 'size' | 'content_type' | 'uploaded_at'>;

const scoped = (db: Executor, scope: Scope) =>
  db.selectFrom('uploads').selectAll().where('business_id', '=', scope.businessId).where('mode', '=', scope.mode);

export async function insertUpload(db: Executor, row: Insertable<UploadsTable>): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export async function findUpload(db: Executor, scope: Scope, id: string): Promise<UploadRow | undefined> {
  return scoped(db, scope).where('id', '=', id).executeTakeFirst();
}

export async function findUploads(db: Executor, scope: Scope, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return scoped(db, scope).where('id', 'in', ids).execute();
}

/**
 * Any business's upload, by id alone: for the routes without an API key, where a signature or the
 * unguessable id itself (an image URL) is what grants access.
 */
export async function findUploadAnywhere(db: Executor, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordCheck(db: Executor, id: string, check: UploadCheck): Promise<void> {
  await db.updateTable('uploads').set(check).where('id', '=', id).execute();
}
