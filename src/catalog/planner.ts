import type { Entries } from './loader.ts';
import type { TargetCatalog, TargetObject } from './reader.ts';
import { type Entry, KINDS, type Kind } from './schema.ts';

// Compares a file with what a target holds and lists the changes in the order they run: creates (each
// kind after the kinds it may point at), updates, then archives (in the reverse order).

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export type Change =
  | { action: 'create'; kind: Kind; key: string }
  | { action: 'update'; kind: Kind; key: string; id: string; fields: FieldChange[] }
  | { action: 'recreate'; kind: Kind; key: string; id: string; fields: FieldChange[]; reason: string }
  | { action: 'archive'; kind: Kind; key: string; id: string };

export interface Plan {
  changes: Change[];
}

/** Fields the API cannot change: a different value means a new object, and the old one archived. */
const IMMUTABLE: Partial<Record<Kind, (want: Entry, have: Entry) => string | undefined>> = {
  products: (want, have) =>
    (want.price as { type: string }).type !== (have.price as { type: string }).type
      ? "a product's pricing model cannot change"
      : undefined,
  meters: () => 'a meter cannot be edited',
  credit_entitlements: (want, have) =>
    want.precision !== undefined && want.precision !== have.precision ? 'precision cannot change' : undefined,
  entitlements: (want, have) =>
    want.integration_type !== have.integration_type ? 'integration_type cannot change' : undefined,
};

/** Kinds the API can archive (or delete); addons can be neither. */
export const ARCHIVABLE: readonly Kind[] = [
  'brands',
  'meters',
  'credit_entitlements',
  'entitlements',
  'products',
  'collections',
];

/**
 * Whether the file's value differs from the target's. Only what the file says counts: a field it leaves
 * out is not compared, and null matches a field the target leaves out.
 */
export function differs(want: unknown, have: unknown): boolean {
  if (want === undefined) return false;
  if (want === null) return have !== null && have !== undefined;
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) return true;
    return want.some((item, index) => differs(item, have[index]));
  }
  if (typeof want === 'object') {
    if (typeof have !== 'object' || have === null || Array.isArray(have)) return true;
    return Object.entries(want).some(([name, value]) => differs(value, (have as Record<string, unknown>)[name]));
  }
  return want !== have;
}

function fieldChanges(kind: Kind, want: Entry, have: Entry): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(want)) {
    if (field === 'key' || field === 'archived') continue;
    if (kind === 'collections' && field === 'groups') {
      changes.push(...groupChanges(value as Entry[], have.groups as Entry[]));
      continue;
    }
    if (differs(value, have[field])) changes.push({ field, old: have[field], new: value });
  }
  return changes;
}

/** Groups are compared by position, so renaming a group and reordering its items are two separate changes. */
function groupChanges(want: Entry[], have: Entry[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (let index = 0; index < Math.max(want.length, have.length); index++) {
    const [w, h] = [want[index], have[index]];
    if (!w || !h) {
      changes.push({ field: `groups[${index}]`, old: h, new: w });
      continue;
    }
    for (const field of ['name', 'status', 'items'])
      if (differs(w[field], h[field]))
        changes.push({ field: `groups[${index}].${field}`, old: h[field], new: w[field] });
  }
  return changes;
}

export interface PlanOptions {
  prune?: boolean;
  /** `kind:id` of objects matched by name that get their key written into metadata. */
  adopt?: Set<string>;
}

export function plan(entries: Entries, target: TargetCatalog, options: PlanOptions = {}): Plan {
  const creates: Change[] = [];
  const updates: Change[] = [];
  const archives: Change[] = [];
  for (const kind of KINDS) {
    const held = new Map<string, TargetObject>(target[kind].map((object) => [object.key, object]));
    const named = new Set<string>();
    for (const want of entries[kind]) {
      named.add(want.key);
      const have = held.get(want.key);
      if (!have) {
        creates.push({ action: 'create', kind, key: want.key });
        continue;
      }
      const fields = fieldChanges(kind, want, have.entry);
      if (options.adopt?.has(`${kind}:${have.id}`) && !fields.some((f) => f.field === 'metadata'))
        fields.push({ field: 'metadata', old: have.entry.metadata, new: want.metadata ?? have.entry.metadata });
      const wantArchived = want.archived === true;
      if (have.archived && !wantArchived) fields.push({ field: 'archived', old: true, new: false });
      const reason = fields.length > 0 ? IMMUTABLE[kind]?.(want, have.entry) : undefined;
      if (reason) creates.push({ action: 'recreate', kind, key: want.key, id: have.id, fields, reason });
      else if (fields.length > 0) updates.push({ action: 'update', kind, key: want.key, id: have.id, fields });
      if (wantArchived && !have.archived && ARCHIVABLE.includes(kind))
        archives.push({ action: 'archive', kind, key: want.key, id: have.id });
    }
    if (options.prune && ARCHIVABLE.includes(kind))
      for (const object of target[kind])
        if (!named.has(object.key) && !object.archived)
          archives.push({ action: 'archive', kind, key: object.key, id: object.id });
  }
  return { changes: [...creates, ...updates, ...archives.reverse()] };
}
