import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { problemOf } from '../api-errors.ts';
import { ProblemBanner } from '../forms.tsx';
import { formatMoney } from '../products/money.ts';
import { useClient } from '../session-context.ts';

/**
 * What a customer sees: enabled groups as columns, their enabled items as plans. A product priced by country
 * shows its rule for the chosen country when one exists, else its base price.
 */
export function PricingPreview({ id }: { id: string }) {
  const client = useClient();
  const [country, setCountry] = useState('');
  const collection = useQuery({ queryKey: ['collection', id], queryFn: () => client.productCollections.retrieve(id) });
  const groups = (collection.data?.groups ?? []).filter((g) => g.status);
  const items = groups.flatMap((g) => g.products.filter((p) => p.status));
  const rules = useQueries({
    queries: items.map((item) => ({
      queryKey: ['product', item.product_id, 'localized-prices'],
      queryFn: () => client.products.localizedPrices.list(item.product_id),
    })),
  });
  const rulesOf = new Map(items.map((item, i) => [item.product_id, rules[i]?.data?.items ?? []]));
  const countries = [
    ...new Set([...rulesOf.values()].flat().flatMap((r) => (r.country_code ? [r.country_code] : []))),
  ].sort();

  if (collection.error) return <ProblemBanner problem={problemOf(collection.error)} />;
  if (!collection.data) return <p>Loading…</p>;
  return (
    <section>
      <div className="title-row">
        <h1>Pricing preview: {collection.data.name}</h1>
        <a href={`#/collections/${id}`}>Edit collection</a>
      </div>
      <label>
        Customer's country
        <select value={country} onChange={(e) => setCountry(e.target.value)}>
          <option value="">Default (base prices)</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <div className="plans">
        {groups.map((g) => (
          <section key={g.group_id} className="plan-column" aria-label={g.group_name || 'Plans'}>
            <h2>{g.group_name || 'Plans'}</h2>
            {g.products
              .filter((p) => p.status)
              .map((p) => {
                const rule = country ? rulesOf.get(p.product_id)?.find((r) => r.country_code === country) : undefined;
                const amount = rule
                  ? formatMoney(rule.amount, rule.currency)
                  : formatMoney(p.price ?? 0, p.currency ?? 'USD');
                const detail = p.price_detail;
                const every =
                  detail && detail.type !== 'one_time_price'
                    ? ` / ${detail.payment_frequency_count > 1 ? `${detail.payment_frequency_count} ` : ''}${detail.payment_frequency_interval.toLowerCase()}`
                    : '';
                return (
                  <article key={p.id} className="plan" data-testid="plan">
                    <h3>{p.name}</h3>
                    <p className="price" data-testid="plan-price">
                      {amount}
                      {every}
                    </p>
                    {p.description && <p>{p.description}</p>}
                  </article>
                );
              })}
          </section>
        ))}
      </div>
    </section>
  );
}
