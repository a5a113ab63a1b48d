import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Product } from 'dodopayments/resources/products/products';
import { type FormEvent, useId } from 'react';
import { problemOf } from '../api-errors.ts';
import { ProblemBanner, TextField, textOrNull, useFormState } from '../forms.tsx';
import { useClient } from '../session-context.ts';
import { formatMoney } from './money.ts';

/** The product's localized price rules: one per currency, or per country, following its pricing mode. */
export function LocalizedPrices({ product }: { product: Product }) {
  const client = useClient();
  const queries = useQueryClient();
  const id = useId();
  const key = ['product', product.product_id, 'localized-prices'];
  const rules = useQuery({ queryKey: key, queryFn: () => client.products.localizedPrices.list(product.product_id) });
  const form = useFormState({ currency: product.price.currency, amount: '', country_code: '' }, [
    'currency',
    'amount',
    'country_code',
  ]);

  async function add(event: FormEvent) {
    event.preventDefault();
    form.setProblem(null);
    try {
      await client.products.localizedPrices.create(product.product_id, {
        currency: String(form.values.currency) as Product['price']['currency'],
        amount: Number(form.values.amount),
        country_code: textOrNull(form.values.country_code) as 'US' | null,
      });
      form.set('amount', '');
      await queries.invalidateQueries({ queryKey: key });
    } catch (e) {
      form.setProblem(problemOf(e));
    }
  }

  async function archive(ruleId: string) {
    await client.products.localizedPrices.archive(ruleId, { product_id: product.product_id });
    await queries.invalidateQueries({ queryKey: key });
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Localized prices</h2>
      {!product.pricing_mode && <p className="muted">Set “Localized pricing” on the product to add rules.</p>}
      <ul>
        {(rules.data?.items ?? []).map((r) => (
          <li key={r.id}>
            {r.country_code ?? 'any country'}: {formatMoney(r.amount, r.currency)}{' '}
            <button
              type="button"
              onClick={() => archive(r.id)}
              aria-label={`Remove the ${r.country_code ?? r.currency} price`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {product.pricing_mode && (
        <form onSubmit={add} aria-label="Add a localized price">
          <TextField form={form} name="currency" label="Currency" />
          <TextField form={form} name="amount" label="Amount (smallest unit)" type="number" />
          {product.pricing_mode === 'by_country' && (
            <TextField form={form} name="country_code" label="Country (ISO code)" />
          )}
          <ProblemBanner problem={form.unplaced()} />
          <button type="submit">Add price</button>
        </form>
      )}
    </section>
  );
}
