import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { problemOf } from '../api-errors.ts';
import { ProblemBanner } from '../forms.tsx';
import { all } from '../paging.ts';
import { go } from '../router.ts';
import { useClient } from '../session-context.ts';
import { formatMoney } from './money.ts';
import { ProductDetail } from './ProductDetail.tsx';
import { ProductForm } from './ProductForm.tsx';

const PAGE_SIZE = 20;

export function Products({ route }: { route: string[] }) {
  const [id] = route;
  if (id === 'new')
    return (
      <section>
        <h1>New product</h1>
        <ProductForm onSaved={(saved) => go('products', saved)} />
      </section>
    );
  if (id) return <ProductDetail id={id} />;
  return <ProductList />;
}

function ProductList() {
  const client = useClient();
  const [archived, setArchived] = useState(false);
  const [recurring, setRecurring] = useState('');
  const [brand, setBrand] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const filters = {
    archived,
    ...(recurring ? { recurring: recurring === 'yes' } : {}),
    ...(brand ? { brand_id: brand } : {}),
  };
  const brands = useQuery({ queryKey: ['brands'], queryFn: () => client.brands.list() });
  // The API has no name filter: a search reads every page of the filtered list and matches names here.
  const products = useQuery({
    queryKey: ['products', filters, search ? 'search' : page],
    queryFn: async () => {
      if (search) return { items: await all((page) => client.products.list({ ...filters, ...page })), more: false };
      const result = await client.products.list({ ...filters, page_size: PAGE_SIZE, page_number: page });
      return { items: result.items, more: result.items.length === PAGE_SIZE };
    },
  });
  const needle = search.trim().toLowerCase();
  const shown = (products.data?.items ?? []).filter((p) => !needle || (p.name ?? '').toLowerCase().includes(needle));
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(0);
    };

  return (
    <section>
      <div className="title-row">
        <h1>Products</h1>
        <a className="button" href="#/products/new">
          New product
        </a>
      </div>
      <search className="filters">
        <label>
          Search by name
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Recurring
          <select value={recurring} onChange={(e) => reset(setRecurring)(e.target.value)}>
            <option value="">All</option>
            <option value="yes">Recurring only</option>
            <option value="no">One-time only</option>
          </select>
        </label>
        <label>
          Brand
          <select value={brand} onChange={(e) => reset(setBrand)(e.target.value)}>
            <option value="">All brands</option>
            {(brands.data?.items ?? []).map((b) => (
              <option key={b.brand_id} value={b.brand_id}>
                {b.name ?? b.brand_id}
              </option>
            ))}
          </select>
        </label>
        <label className="radio">
          <input type="checkbox" checked={archived} onChange={(e) => reset(setArchived)(e.target.checked)} />
          Archived
        </label>
      </search>
      {products.error && <ProblemBanner problem={problemOf(products.error)} />}
      <table>
        <caption className="visually-hidden">Products</caption>
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Name</th>
            <th scope="col">Price</th>
            <th scope="col">Model</th>
            <th scope="col">ID</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.product_id}>
              <td>{p.image ? <img src={p.image} alt="" className="thumb" /> : null}</td>
              <td>
                <a href={`#/products/${p.product_id}`}>{p.name || '(unnamed)'}</a>
              </td>
              <td>{p.price_detail ? formatMoney(p.price ?? 0, p.currency ?? 'USD') : ''}</td>
              <td>{p.price_detail?.type.replaceAll('_', ' ')}</td>
              <td>
                <code>{p.product_id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {products.isSuccess && shown.length === 0 && <p>No products match.</p>}
      {!search && (
        <nav aria-label="Pages" className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous page
          </button>
          <span>Page {page + 1}</span>
          <button type="button" disabled={!products.data?.more} onClick={() => setPage(page + 1)}>
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
