import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyEntries } from '../../src/catalog/loader.ts';
import { plan } from '../../src/catalog/planner.ts';
import type { TargetCatalog, TargetObject } from '../../src/catalog/reader.ts';
import { type Entry, KINDS, type Kind } from '../../src/catalog/schema.ts';

const oneTime = { type: 'one_time_price', price: 100, currency: 'USD' };
const recurring = { ...oneTime, type: 'recurring_price', payment_frequency_interval: 'Month' };

function held(objects: Partial<Record<Kind, (Entry & { archived?: boolean })[]>>): TargetCatalog {
  const catalog = Object.fromEntries(KINDS.map((kind) => [kind, [] as TargetObject[]])) as unknown as TargetCatalog;
  for (const [kind, entries] of Object.entries(objects) as [Kind, Entry[]][])
    catalog[kind] = entries.map((entry) => ({
      kind,
      id: `id-${entry.key}`,
      key: entry.key,
      archived: entry.archived === true,
      raw: {},
      entry,
    }));
  return catalog;
}

function file(objects: Partial<Record<Kind, Entry[]>>) {
  return { ...emptyEntries(), ...objects };
}

describe('the planner', () => {
  test("a product's new pricing model is planned as archive-and-recreate, flagged with the reason", () => {
    const { changes } = plan(
      file({ products: [{ key: 'p', name: 'P', price: recurring }] }),
      held({ products: [{ key: 'p', name: 'P', price: oneTime }] }),
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.action, 'recreate');
    assert.match((changes[0] as { reason: string }).reason, /pricing model cannot change/);
  });

  test('objects the file does not name are left alone, and archived with --prune', () => {
    const target = held({ products: [{ key: 'other', name: 'O', price: oneTime }], addons: [{ key: 'a', name: 'A' }] });
    assert.deepEqual(plan(file({}), target).changes, []);
    // Addons cannot be archived, so pruning leaves them.
    assert.deepEqual(plan(file({}), target, { prune: true }).changes, [
      { action: 'archive', kind: 'products', key: 'other', id: 'id-other' },
    ]);
  });

  test('a field the file leaves out is not compared, and null matches a field the target lacks', () => {
    const { changes } = plan(
      file({ brands: [{ key: 'b', name: 'B', url: null }] }),
      held({ brands: [{ key: 'b', name: 'B', description: 'kept as it is' }] }),
    );
    assert.deepEqual(changes, []);
  });

  test('creates run first (each kind after what it points at), then updates, then archives', () => {
    const { changes } = plan(
      file({
        meters: [{ key: 'new-meter', name: 'M' }],
        products: [
          { key: 'gone', name: 'G', price: oneTime, archived: true },
          { key: 'renamed', name: 'New name', price: oneTime },
          { key: 'back', name: 'B', price: oneTime },
        ],
        collections: [{ key: 'new-collection', name: 'C', groups: [] }],
      }),
      held({
        products: [
          { key: 'gone', name: 'G', price: oneTime },
          { key: 'renamed', name: 'Old name', price: oneTime },
          { key: 'back', name: 'B', price: oneTime, archived: true },
        ],
      }),
    );
    assert.deepEqual(
      changes.map(
        (c) =>
          `${c.action} ${c.kind} ${c.key}${'fields' in c ? ` ${c.fields.map((f) => `${f.field}:${JSON.stringify(f.old)}→${JSON.stringify(f.new)}`)}` : ''}`,
      ),
      [
        'create meters new-meter',
        'create collections new-collection',
        'update products renamed name:"Old name"→"New name"',
        'update products back archived:true→false',
        'archive products gone',
      ],
    );
  });
});
