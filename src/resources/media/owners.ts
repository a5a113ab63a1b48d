import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import * as addons from '../addons/api.ts';
import * as brands from '../brands/api.ts';
import * as collections from '../collections/api.ts';
import * as products from '../products/api.ts';

/** What uploads are issued for: the resources with a `PUT …/images` or `…/files` operation. */
export type OwnerType = 'product' | 'collection' | 'brand' | 'addon';

export interface Owner {
  type: OwnerType;
  id: string;
}

/** What each owner's api.ts offers uploads. */
interface OwnerApi {
  exists(db: Executor, scope: Scope, id: string): Promise<boolean>;
  setImage(db: Executor, scope: Scope, id: string, imageId: string, at: string): Promise<void>;
}

/** Each owner, with the name errors use. */
const OWNERS: Record<OwnerType, { label: string; api: OwnerApi }> = {
  product: { label: 'product', api: products },
  collection: { label: 'product collection', api: collections },
  brand: { label: 'brand', api: brands },
  addon: { label: 'addon', api: addons },
};

export async function requireOwner(db: Executor, scope: Scope, owner: Owner): Promise<void> {
  const { label, api } = OWNERS[owner.type];
  if (!(await api.exists(db, scope, owner.id))) throw notFound(label, owner.id);
}

/** Points the owner at an image that has passed the checks. */
export async function setOwnerImage(db: Executor, scope: Scope, owner: Owner, imageId: string): Promise<void> {
  await OWNERS[owner.type].api.setImage(db, scope, owner.id, imageId, now());
}

export function isOwnerType(type: string): type is OwnerType {
  return type in OWNERS;
}
