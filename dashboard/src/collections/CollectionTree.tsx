import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProductCollectionGroupResponse } from 'dodopayments/resources/product-collections/groups/groups';
import type { ProductCollection } from 'dodopayments/resources/product-collections/product-collections';
import { useState } from 'react';
import { type ApiProblem, problemOf } from '../api-errors.ts';
import { ProblemBanner } from '../forms.tsx';
import { useClient } from '../session-context.ts';
import { Group } from './Group.tsx';

export function useReorderSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

/** The new order after a drop, or null when nothing moved. */
export function reordered(ids: string[], event: DragEndEvent): string[] | null {
  const { active, over } = event;
  if (!over || active.id === over.id) return null;
  return arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
}

/** What screen readers hear while dragging: names, not the ids dnd-kit would read out. */
export function announcements(nameOf: (id: string | number) => string): Announcements {
  return {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over ${nameOf(over.id)}.` : `${nameOf(active.id)} is no longer over a place.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} was dropped at the place of ${nameOf(over.id)}.`
        : `${nameOf(active.id)} was dropped.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };
}

export interface TreeActions {
  /** Runs a change; on a refusal shows the API's problem, and on a stale order reloads and says so. */
  run(change: () => Promise<unknown>, staleMessage?: string): Promise<void>;
  /** Shows a change at once, before the server answers; `run` reloads the server's state after. */
  applyLocally(edit: (groups: ProductCollectionGroupResponse[]) => ProductCollectionGroupResponse[]): void;
}

export function CollectionTree({ id }: { id: string }) {
  const client = useClient();
  const queries = useQueryClient();
  const key = ['collection', id];
  const collection = useQuery({ queryKey: key, queryFn: () => client.productCollections.retrieve(id) });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [newGroup, setNewGroup] = useState('');
  const sensors = useReorderSensors();

  const actions: TreeActions = {
    applyLocally(edit) {
      queries.setQueryData<ProductCollection>(key, (c) => c && { ...c, groups: edit(c.groups) });
    },
    async run(change, staleMessage) {
      setProblem(null);
      setNotice(null);
      try {
        await change();
      } catch (e) {
        const p = problemOf(e);
        // A reorder naming ids that are no longer exactly the group's means someone else changed it meanwhile.
        if (staleMessage && p.code === 'INVALID_REQUEST_BODY') setNotice(staleMessage);
        else setProblem(p);
      }
      await queries.invalidateQueries({ queryKey: key });
    },
  };

  if (collection.error) return <ProblemBanner problem={problemOf(collection.error)} />;
  if (!collection.data) return <p>Loading…</p>;
  const c = collection.data;
  const groupIds = c.groups.map((g) => g.group_id);

  function onDragEnd(event: DragEndEvent) {
    const order = reordered(groupIds, event);
    if (!order) return;
    actions.applyLocally((groups) => order.map((gid) => groups.find((g) => g.group_id === gid)!));
    void actions.run(
      () => client.productCollections.update(id, { group_order: order }),
      'Someone else changed the groups of this collection meanwhile; it has been reloaded. Please reorder again.',
    );
  }

  return (
    <section>
      <div className="title-row">
        <h1>{c.name}</h1>
        <a className="button" href={`#/collections/${id}/preview`}>
          Pricing preview
        </a>
      </div>
      <p className="muted">
        Drag a handle with the mouse, or focus it and press Space, the arrow keys, then Space to drop.
      </p>
      {notice && (
        <p role="status" className="warning">
          {notice}
        </p>
      )}
      <ProblemBanner problem={problem} />
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements: announcements(
            (gid) => `group ${c.groups.find((g) => g.group_id === gid)?.group_name || 'unnamed group'}`,
          ),
        }}
      >
        <SortableContext items={groupIds} strategy={verticalListSortingStrategy}>
          <ol className="groups" aria-label="Groups">
            {c.groups.map((g) => (
              <Group key={g.group_id} collectionId={id} group={g} actions={actions} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <form
        className="inline"
        aria-label="Add a group"
        onSubmit={(e) => {
          e.preventDefault();
          void actions.run(() =>
            client.productCollections.groups.create(id, { group_name: newGroup || null, products: [] }),
          );
          setNewGroup('');
        }}
      >
        <label>
          New group name
          <input value={newGroup} onChange={(e) => setNewGroup(e.target.value)} />
        </label>
        <button type="submit">Add group</button>
      </form>
    </section>
  );
}
