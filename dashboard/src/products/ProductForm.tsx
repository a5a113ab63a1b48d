import { useQuery } from '@tanstack/react-query';
import type { Product } from 'dodopayments/resources/products/products';
import { type FormEvent, useState } from 'react';
import { problemOf } from '../api-errors.ts';
import { CheckField, ProblemBanner, SelectField, TextField, useFormState, type Values } from '../forms.tsx';
import { all } from '../paging.ts';
import { useClient } from '../session-context.ts';
import {
  emptyProductValues,
  INTERVALS,
  JsonFieldError,
  PRICE_TYPES,
  type PriceType,
  productRequest,
  productValues,
  TAX_CATEGORIES,
} from './product-values.ts';

const FIELDS = [
  'name',
  'description',
  'tax_category',
  'brand_id',
  'pricing_mode',
  ...[
    'type',
    'currency',
    'price',
    'fixed_price',
    'discount',
    'discount_bps',
    'purchasing_power_parity',
    'tax_inclusive',
    'pay_what_you_want',
    'suggested_price',
    'payment_frequency_count',
    'payment_frequency_interval',
    'subscription_period_count',
    'subscription_period_interval',
    'trial_period_days',
    'trial_amount',
    'trial_apply_discounts',
    'trial_payment_method_optional',
    'zero_amount_payment_method_optional',
    'meters',
  ].map((f) => `price.${f}`),
  'license_key_enabled',
  'license_key_activation_message',
  'license_key_activations_limit',
  'license_key_duration.count',
  'license_key_duration.interval',
  'digital_product_delivery.external_url',
  'digital_product_delivery.instructions',
  'metadata',
  'addons',
  'entitlements',
  'credit_entitlements',
];

/** Create (no product) or edit form for every field of a product, for each of the three price models. */
export function ProductForm({ product, onSaved }: { product?: Product; onSaved: (id: string) => void }) {
  const client = useClient();
  const [type, setType] = useState<PriceType>(product?.price.type ?? 'one_time_price');
  const form = useFormState(product ? productValues(product) : emptyProductValues(type), FIELDS);
  const [busy, setBusy] = useState(false);
  const brands = useQuery({ queryKey: ['brands'], queryFn: () => client.brands.list() });
  const addons = useQuery({ queryKey: ['addons', 'all'], queryFn: () => all((page) => client.addons.list(page)) });
  const entitlements = useQuery({
    queryKey: ['entitlements', 'all'],
    queryFn: () => all((page) => client.entitlements.list(page)),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    form.setProblem(null);
    setBusy(true);
    try {
      const body = productRequest({ ...form.values, 'price.type': type } as Values);
      if (product) {
        await client.products.update(product.product_id, body);
        onSaved(product.product_id);
      } else {
        onSaved((await client.products.create(body)).product_id);
      }
    } catch (e) {
      form.setProblem(e instanceof JsonFieldError ? { code: 'INVALID_JSON', message: e.message } : problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  const recurring = type !== 'one_time_price';
  return (
    <form onSubmit={submit} className="card form" aria-label={product ? 'Edit product' : 'New product'}>
      <fieldset>
        <legend>Price model</legend>
        {PRICE_TYPES.map((t) => (
          <label key={t.value} className="radio">
            <input
              type="radio"
              name="price-type"
              value={t.value}
              checked={type === t.value}
              disabled={Boolean(product)}
              onChange={() => setType(t.value)}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="description" label="Description" multiline />
      <SelectField form={form} name="tax_category" label="Tax category" options={TAX_CATEGORIES} />
      <SelectField
        form={form}
        name="brand_id"
        label="Brand"
        options={[
          { value: '', label: '(primary brand)' },
          ...(brands.data?.items ?? []).map((b) => ({ value: b.brand_id, label: b.name ?? b.brand_id })),
        ]}
      />
      <fieldset>
        <legend>Price</legend>
        <TextField form={form} name="price.currency" label="Currency" hint="ISO code, e.g. USD" />
        {type === 'usage_based_price' ? (
          <TextField form={form} name="price.fixed_price" label="Fixed price (smallest unit)" type="number" />
        ) : (
          <TextField form={form} name="price.price" label="Price (smallest unit, e.g. cents)" type="number" />
        )}
        <TextField form={form} name="price.discount" label="Discount (%)" type="number" />
        <TextField form={form} name="price.discount_bps" label="Discount (basis points)" type="number" />
        <SelectField
          form={form}
          name="price.tax_inclusive"
          label="Tax inclusive"
          options={[
            { value: '', label: '(business default)' },
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
        />
        <CheckField form={form} name="price.purchasing_power_parity" label="Purchasing power parity" />
        {type === 'one_time_price' && (
          <>
            <CheckField form={form} name="price.pay_what_you_want" label="Pay what you want" />
            <TextField form={form} name="price.suggested_price" label="Suggested price" type="number" />
          </>
        )}
        {recurring && (
          <>
            <TextField form={form} name="price.payment_frequency_count" label="Bill every (count)" type="number" />
            <SelectField
              form={form}
              name="price.payment_frequency_interval"
              label="Billing interval"
              options={INTERVALS}
            />
            <TextField
              form={form}
              name="price.subscription_period_count"
              label="Subscription lasts (count)"
              type="number"
            />
            <SelectField
              form={form}
              name="price.subscription_period_interval"
              label="Subscription interval"
              options={INTERVALS}
            />
          </>
        )}
        {type === 'recurring_price' && (
          <>
            <TextField form={form} name="price.trial_period_days" label="Trial days" type="number" />
            <TextField form={form} name="price.trial_amount" label="Trial amount" type="number" />
            <CheckField form={form} name="price.trial_apply_discounts" label="Discounts apply to the trial" />
            <CheckField form={form} name="price.trial_payment_method_optional" label="Trial without payment method" />
            <CheckField
              form={form}
              name="price.zero_amount_payment_method_optional"
              label="Zero amount without payment method"
            />
          </>
        )}
        {type === 'usage_based_price' && (
          <TextField
            form={form}
            name="price.meters"
            label="Meters (JSON)"
            multiline
            hint='[{"meter_id": "mtr_…", "price_per_unit": "0.5", "free_threshold": 100}]'
          />
        )}
      </fieldset>
      <SelectField
        form={form}
        name="pricing_mode"
        label="Localized pricing"
        options={[
          { value: '', label: 'Base price only' },
          { value: 'by_currency', label: 'By currency' },
          { value: 'by_country', label: 'By country' },
        ]}
      />
      <fieldset>
        <legend>License keys and delivery</legend>
        <CheckField form={form} name="license_key_enabled" label="License keys" />
        <TextField form={form} name="license_key_activation_message" label="Activation message" />
        <TextField form={form} name="license_key_activations_limit" label="Activations limit" type="number" />
        <TextField form={form} name="license_key_duration.count" label="Key valid for (count)" type="number" />
        <SelectField
          form={form}
          name="license_key_duration.interval"
          label="Key validity interval"
          options={INTERVALS}
        />
        <TextField form={form} name="digital_product_delivery.external_url" label="Delivery URL" type="url" />
        <TextField form={form} name="digital_product_delivery.instructions" label="Delivery instructions" multiline />
      </fieldset>
      <fieldset>
        <legend>Linked</legend>
        <IdChecklist
          label="Addons"
          value={String(form.values.addons ?? '')}
          onChange={(v) => form.set('addons', v)}
          options={(addons.data ?? []).map((a) => ({ id: a.id, label: a.name }))}
          error={form.fieldError('addons')}
        />
        <IdChecklist
          label="Entitlements"
          value={String(form.values.entitlements ?? '')}
          onChange={(v) => form.set('entitlements', v)}
          options={(entitlements.data ?? []).map((e) => ({ id: e.id, label: e.name }))}
          error={form.fieldError('entitlements')}
        />
        <TextField
          form={form}
          name="credit_entitlements"
          label="Credit entitlements (JSON)"
          multiline
          hint='[{"credit_entitlement_id": "cde_…", "credits_amount": "100"}]'
        />
        <TextField form={form} name="metadata" label="Metadata (JSON object)" multiline />
      </fieldset>
      <ProblemBanner problem={form.unplaced()} />
      <button type="submit" disabled={busy}>
        {product ? 'Save product' : 'Create product'}
      </button>
    </form>
  );
}

function IdChecklist(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { id: string; label: string }[];
  error?: string;
}) {
  const chosen = new Set(props.value.split(',').filter(Boolean));
  return (
    <fieldset className="checklist">
      <legend>{props.label}</legend>
      {props.options.length === 0 && <span className="muted">none yet</span>}
      {props.options.map((o) => (
        <label key={o.id} className="radio">
          <input
            type="checkbox"
            checked={chosen.has(o.id)}
            onChange={(e) => {
              if (e.target.checked) chosen.add(o.id);
              else chosen.delete(o.id);
              props.onChange([...chosen].join(','));
            }}
          />
          {o.label}
        </label>
      ))}
      {props.error && <small className="error">{props.error}</small>}
    </fieldset>
  );
}
