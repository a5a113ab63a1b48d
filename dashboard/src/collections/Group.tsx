import { closestCenter, DndContext, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useQuery } from '@tanstack/react-query';
import type { ProductCollectionGroupResponse } from 'dodopayments/resources/product-collections/groups/groups';
import type { ProductCollectionProduct } from 'dodopayments/resources/product-collections/groups/items';
import { type ReactNode, useState } from 'react';
import { all } from '../paging.ts';
import { formatMoney } from '../products/money.ts';
import { useClient } from '../session-context.ts';
import { announcements, reordered, type TreeActions, useReorderSensors } from './CollectionTree.tsx';

/** One sortable row with its own drag handle, so the rest of the row stays clickable and typeable. */
function Sortable({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={isDragging ? 'dragging' : undefined}
      data-sortable-id={id}
    >
      <button
        type="button"
        className="handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Reorder ${label}`}
      >
        ⠿
      </button>
      {children}
    </li>
  );
}

export function Group(props: { collectionId: string; group: ProductCollectionGroupResponse; actions: TreeActions }) {
  const { collectionId, group, actions } = props;
  const client = useClient();
  const sensors = useReorderSensors();
  const [name, setName] = useState(group.group_name ?? '');
  const [adding, setAdding] = useState('');
  const label = group.group_name || 'unnamed group';
  const products = useQuery({
    queryKey: ['products', 'all'],
    queryFn: () => all((page) => client.products.list(page)),
  });
  const itemIds = group.products.map((p) => p.id);
  const update = (body: { group_name?: string | null; product_order?: string[]; status?: boolean }) =>
    client.productCollections.groups.update(group.group_id, { id: collectionId, ...body });

  const editGroup = (edit: (g: ProductCollectionGroupResponse) => ProductCollectionGroupResponse) =>
    actions.applyLocally((groups) => groups.map((g) => (g.group_id === group.group_id ? edit(g) : g)));

  function onDragEnd(event: DragEndEvent) {
    const order = reordered(itemIds, event);
    if (!order) return;
    editGroup((g) => ({ ...g, products: order.map((i) => g.products.find((p) => p.id === i)!) }));
    void actions.run(
      () => update({ product_order: order }),
      `Someone else changed the group “${label}” meanwhile; it has been reloaded. Please reorder again.`,
    );
  }

  return (
    <Sortable id={group.group_id} label={`group ${label}`}>
      <fieldset className="group" aria-label={`Group ${label}`}>
        <div className="group-head">
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void actions.run(() => update({ group_name: name || null }));
            }}
          >
            <label>
              Group name
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit">Rename</button>
          </form>
          <label className="radio">
            <input
              type="checkbox"
              checked={group.status}
              onChange={(e) => {
                const status = e.target.checked;
                editGroup((g) => ({ ...g, status }));
                void actions.run(() => update({ status }));
              }}
            />
            Group {label} enabled
          </label>
          <button
            type="button"
            onClick={() =>
              actions.run(() => client.productCollections.groups.delete(group.group_id, { id: collectionId }))
            }
          >
            Remove group <span className="visually-hidden">{label}</span>
          </button>
        </div>
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements: announcements((iid) => {
              const item = group.products.find((p) => p.id === iid);
              return item?.name || item?.product_id || String(iid);
            }),
          }}
        >
          <SortableContext items={itemIds} strategy={verticalListSortingStrategy}>
            <ol className="items" aria-label={`Products of ${label}`}>
              {group.products.map((item) => (
                <Item key={item.id} item={item} {...props} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (!adding) return;
            void actions.run(() =>
              client.productCollections.groups.items.create(group.group_id, {
                id: collectionId,
                products: [{ product_id: adding }],
              }),
            );
            setAdding('');
          }}
        >
          <label>
            Add a product to {label}
            <select value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Choose…</option>
              {(products.data ?? []).map((p) => (
                <option key={p.product_id} value={p.product_id}>
                  {p.name || p.product_id}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add</button>
        </form>
      </fieldset>
    </Sortable>
  );
}

function Item(props: {
  collectionId: string;
  group: ProductCollectionGroupResponse;
  item: ProductCollectionProduct;
  actions: TreeActions;
}) {
  const { collectionId, group, item, actions } = props;
  const client = useClient();
  const name = item.name || item.product_id;
  const params = { id: collectionId, group_id: group.group_id };
  return (
    <Sortable id={item.id} label={name}>
      <span className="item-name">
        <a href={`#/products/${item.product_id}`}>{name}</a>{' '}
        {typeof item.price === 'number' && (
          <span className="muted">{formatMoney(item.price, item.currency ?? 'USD')}</span>
        )}
      </span>
      <label className="radio">
        <input
          type="checkbox"
          checked={item.status}
          onChange={(e) => {
            const status = e.target.checked;
            actions.applyLocally((groups) =>
              groups.map((g) => ({ ...g, products: g.products.map((p) => (p.id === item.id ? { ...p, status } : p)) })),
            );
            void actions.run(() => client.productCollections.groups.items.update(item.id, { ...params, status }));
          }}
        />
        {name} enabled
      </label>
      <button
        type="button"
        onClick={() => actions.run(() => client.productCollections.groups.items.delete(item.id, params))}
      >
        Remove <span className="visually-hidden">{name}</span>
      </button>
    </Sortable>
  );
}
