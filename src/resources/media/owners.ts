import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { now } from '../../lib/clock.ts';
import * as addons from '../addons/store.ts';
import * as brands from '../brands/store.ts';
import * as collections from '../collections/store.ts';
import * as products from '../products/store.ts';

/** What uploads are issued for: the resources with a `PUT …/images` or `…/files` operation. */
export type OwnerType = 'product' | 'collection' | 'brand' | 'addon';

export interface Owner {
  type: OwnerType;
  id: string;
}

interface OwnerStore {
  /** The name errors use. */
  label: string;
  exists(db: Executor, scope: Scope, id: string): Promise<boolean>;
  setImage(db: Executor, scope: Scope, id: string, imageId: string): Promise<void>;
}

const OWNERS: Record<OwnerType, OwnerStore> = {
  product: {
    label: 'product',
    exists: async (db, scope, id) => (await products.findProduct(db, scope, id)) !== undefined,
    setImage: (db, scope, id, imageId) =>
      products.updateProduct(db, scope, id, { image_id: imageId, updated_at: now() }),
  },
  collection: {
    label: 'product collection',
    exists: async (db, scope, id) => (await collections.findCollection(db, scope, id)) !== undefined,
    setImage: (db, scope, id, imageId) =>
      collections.updateCollection(db, scope, id, { image_id: imageId, updated_at: now() }),
  },
  brand: {
    label: 'brand',
    exists: async (db, scope, id) => (await brands.findBrand(db, scope, id)) !== undefined,
    setImage: (db, scope, id, imageId) => brands.updateBrand(db, scope, id, { image_id: imageId, updated_at: now() }),
  },
  addon: {
    label: 'addon',
    exists: async (db, scope, id) => (await addons.findAddon(db, scope, id)) !== undefined,
    setImage: (db, scope, id, imageId) => addons.updateAddon(db, scope, id, { image_id: imageId, updated_at: now() }),
  },
};

export async function requireOwner(db: Executor, scope: Scope, owner: Owner): Promise<void> {
  const store = OWNERS[owner.type];
  if (!(await store.exists(db, scope, owner.id))) throw notFound(store.label, owner.id);
}

/** Points the owner at an image that has passed the checks. */
export async function setOwnerImage(db: Executor, scope: Scope, owner: Owner, imageId: string): Promise<void> {
  await OWNERS[owner.type].setImage(db, scope, owner.id, imageId);
}

export function isOwnerType(type: string): type is OwnerType {
  return type in OWNERS;
}
