import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { problemOf } from '../api-errors.ts';
import { ProblemBanner } from '../forms.tsx';
import { useClient } from '../session-context.ts';
import { ImageUpload } from './ImageUpload.tsx';
import { LocalizedPrices } from './LocalizedPrices.tsx';
import { ProductForm } from './ProductForm.tsx';
import { ProductLinks } from './ProductLinks.tsx';

export function ProductDetail({ id }: { id: string }) {
  const client = useClient();
  const queries = useQueryClient();
  const product = useQuery({ queryKey: ['product', id], queryFn: () => client.products.retrieve(id) });
  // Archived products are listed only with archived=true; asking is the one way the API tells.
  const archived = useQuery({
    queryKey: ['product', id, 'archived'],
    queryFn: async () => {
      for await (const p of client.products.list({ archived: true, page_size: 100 }))
        if (p.product_id === id) return true;
      return false;
    },
  });
  const [problem, setProblem] = useState<ReturnType<typeof problemOf> | null>(null);
  const [saved, setSaved] = useState(false);

  const refresh = () => queries.invalidateQueries({ queryKey: ['product', id] });
  async function setArchived(archive: boolean) {
    setProblem(null);
    try {
      if (archive) await client.products.archive(id);
      else await client.products.unarchive(id);
      await refresh();
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  if (product.error) return <ProblemBanner problem={problemOf(product.error)} />;
  if (!product.data) return <p>Loading…</p>;
  const p = product.data;
  return (
    <section>
      <div className="title-row">
        <h1>{p.name || '(unnamed product)'}</h1>
        <span className="badge" data-testid="product-status">
          {archived.data ? 'Archived' : 'Active'}
        </span>
        {archived.data ? (
          <button type="button" onClick={() => setArchived(false)}>
            Unarchive
          </button>
        ) : (
          <button type="button" onClick={() => setArchived(true)} disabled={!archived.isSuccess}>
            Archive
          </button>
        )}
      </div>
      <p className="muted">
        <code>{p.product_id}</code> · brand <code>{p.brand_id}</code>
        {p.product_collection_id && (
          <>
            {' '}
            · in collection <a href={`#/collections/${p.product_collection_id}`}>{p.product_collection_id}</a>
          </>
        )}
      </p>
      <ProblemBanner problem={problem} />
      {saved && (
        <p role="status" className="ok">
          Saved.
        </p>
      )}
      <div className="columns">
        <ProductForm
          key={p.updated_at}
          product={p}
          onSaved={() => {
            setSaved(true);
            void refresh();
          }}
        />
        <div>
          <ImageUpload product={p} onUploaded={refresh} />
          <LocalizedPrices product={p} />
          <ProductLinks product={p} />
        </div>
      </div>
    </section>
  );
}
