import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { problemOf } from '../api-errors.ts';
import { ProblemBanner, TextField, useFormState } from '../forms.tsx';
import { all } from '../paging.ts';
import { go } from '../router.ts';
import { useClient } from '../session-context.ts';
import { CollectionTree } from './CollectionTree.tsx';
import { PricingPreview } from './PricingPreview.tsx';

export function Collections({ route }: { route: string[] }) {
  const [id, view] = route;
  if (id && view === 'preview') return <PricingPreview id={id} />;
  if (id) return <CollectionTree id={id} />;
  return <CollectionList />;
}

function CollectionList() {
  const client = useClient();
  const [archived, setArchived] = useState(false);
  const list = useQuery({
    queryKey: ['collections', archived],
    queryFn: () => all((page) => client.productCollections.list({ ...page, archived })),
  });
  return (
    <section>
      <h1>Collections</h1>
      <label className="radio">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
        Show archived
      </label>
      {list.error && <ProblemBanner problem={problemOf(list.error)} />}
      <ul>
        {(list.data ?? []).map((c) => (
          <li key={c.id}>
            <a href={`#/collections/${c.id}`}>{c.name}</a> <span className="muted">{c.products_count} products</span> ·{' '}
            <a href={`#/collections/${c.id}/preview`} aria-label={`Pricing preview of ${c.name}`}>
              pricing preview
            </a>
          </li>
        ))}
      </ul>
      <NewCollection />
    </section>
  );
}

/** A collection starts with one group holding the products picked; more groups are added on its page. */
function NewCollection() {
  const client = useClient();
  const products = useQuery({
    queryKey: ['products', 'all'],
    queryFn: () => all((page) => client.products.list(page)),
  });
  const form = useFormState({ name: '', group_name: '' }, ['name', 'groups', 'groups.0.group_name']);
  const [picked, setPicked] = useState<string[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    form.setProblem(null);
    try {
      const created = await client.productCollections.create({
        name: String(form.values.name),
        groups: [
          {
            group_name: String(form.values.group_name) || null,
            products: picked.map((product_id) => ({ product_id })),
          },
        ],
      });
      go('collections', created.id);
    } catch (e) {
      form.setProblem(problemOf(e));
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="New collection">
      <h2>New collection</h2>
      <TextField form={form} name="name" label="Collection name" required />
      <TextField form={form} name="group_name" label="First group name" />
      <fieldset className="checklist">
        <legend>Products of the first group</legend>
        {(products.data ?? []).map((p) => (
          <label key={p.product_id} className="radio">
            <input
              type="checkbox"
              checked={picked.includes(p.product_id)}
              onChange={(e) =>
                setPicked(e.target.checked ? [...picked, p.product_id] : picked.filter((x) => x !== p.product_id))
              }
            />
            {p.name || p.product_id}
          </label>
        ))}
      </fieldset>
      <ProblemBanner problem={form.unplaced()} />
      <button type="submit">Create collection</button>
    </form>
  );
}
