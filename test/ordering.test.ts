import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appendedPositions,
  closeGaps,
  displayOrder,
  type Placement,
  permutationProblem,
  placementsFor,
} from '../src/lib/ordering.ts';

const placed = (...ids: string[]): Placement[] => ids.map((id, position) => ({ id, position }));

/** Applies placements the way a store does, then reads the display order back. */
function apply(siblings: Placement[], placements: Placement[]): Placement[] {
  const moved = new Map(placements.map((p) => [p.id, p.position]));
  return siblings.map((s) => ({ id: s.id, position: moved.get(s.id) ?? s.position }));
}

describe('ordering of siblings by dense positions', () => {
  test('display order follows positions, whatever order the rows arrive in', () => {
    assert.deepEqual(
      displayOrder([
        { id: 'c', position: 2 },
        { id: 'a', position: 0 },
        { id: 'b', position: 1 },
      ]),
      ['a', 'b', 'c'],
    );
  });

  test('an exact permutation has no problem, and the empty order is exact for no siblings', () => {
    assert.equal(permutationProblem(['a', 'b', 'c'], ['c', 'a', 'b']), null);
    assert.equal(permutationProblem([], []), null);
  });

  test('a missing, unknown or repeated id is reported by kind', () => {
    assert.deepEqual(permutationProblem(['a', 'b', 'c'], ['a', 'b']), { missing: ['c'], unknown: [], repeated: [] });
    assert.deepEqual(permutationProblem(['a', 'b'], ['a', 'b', 'x']), { missing: [], unknown: ['x'], repeated: [] });
    assert.deepEqual(permutationProblem(['a', 'b'], ['a', 'a', 'b']), { missing: [], unknown: [], repeated: ['a'] });
    assert.deepEqual(permutationProblem(['a', 'b'], ['a', 'a']), { missing: ['b'], unknown: [], repeated: ['a'] });
    assert.deepEqual(permutationProblem(['a'], []), { missing: ['a'], unknown: [], repeated: [] });
  });

  test('a reorder moves only the siblings whose position changes, and the result is dense', () => {
    const siblings = placed('a', 'b', 'c', 'd');
    const placements = placementsFor(siblings, ['a', 'c', 'b', 'd']);
    assert.deepEqual(placements, [
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
    assert.deepEqual(displayOrder(apply(siblings, placements)), ['a', 'c', 'b', 'd']);
  });

  test('the current order needs no placements', () => {
    assert.deepEqual(placementsFor(placed('a', 'b', 'c'), ['a', 'b', 'c']), []);
  });

  test('removing siblings closes the gaps and keeps the order', () => {
    const remaining = [
      { id: 'a', position: 0 },
      { id: 'c', position: 2 },
      { id: 'e', position: 4 },
    ];
    const placements = closeGaps(remaining);
    assert.deepEqual(placements, [
      { id: 'c', position: 1 },
      { id: 'e', position: 2 },
    ]);
    assert.deepEqual(apply(remaining, placements), placed('a', 'c', 'e'));
  });

  test('appended siblings go after the existing ones', () => {
    assert.deepEqual(appendedPositions(3, 2), [3, 4]);
    assert.deepEqual(appendedPositions(0, 0), []);
  });
});
