import type { Product, ProductCreateParams } from 'dodopayments/resources/products/products';
import { numberOrUndefined, textOrNull, type Values } from '../forms.tsx';

export type PriceType = 'one_time_price' | 'recurring_price' | 'usage_based_price';
export const PRICE_TYPES: { value: PriceType; label: string }[] = [
  { value: 'one_time_price', label: 'One-time' },
  { value: 'recurring_price', label: 'Subscription' },
  { value: 'usage_based_price', label: 'Usage-based' },
];
export const TAX_CATEGORIES = ['digital_products', 'saas', 'e_book', 'edtech'] as const;
export const INTERVALS = ['Day', 'Week', 'Month', 'Year'] as const;
/** Fields written as JSON text: their shapes are nested lists the API validates itself. */
export const JSON_FIELDS = ['metadata', 'credit_entitlements', 'price.meters'] as const;

export class JsonFieldError extends Error {
  constructor(readonly field: string) {
    super(`body/${field.replaceAll('.', '/')} is not valid JSON`);
  }
}

export function emptyProductValues(type: PriceType): Values {
  return {
    'price.type': type,
    'price.currency': 'USD',
    tax_category: 'saas',
    'price.payment_frequency_count': '1',
    'price.payment_frequency_interval': 'Month',
    'price.subscription_period_count': '1',
    'price.subscription_period_interval': 'Year',
    'price.tax_inclusive': '',
    pricing_mode: '',
    'license_key_duration.interval': 'Year',
    metadata: '{}',
    credit_entitlements: '[]',
    'price.meters': '[]',
    addons: '',
    entitlements: '',
  };
}

/** A product as form values: every field the create request takes, flattened to dotted names. */
export function productValues(product: Product): Values {
  const values: Values = { ...emptyProductValues(product.price.type) };
  const put = (name: string, value: unknown) => {
    if (value === null || value === undefined) return;
    values[name] =
      typeof value === 'boolean' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  for (const [k, v] of Object.entries(product.price)) put(`price.${k}`, v);
  if (typeof product.price.tax_inclusive === 'boolean')
    values['price.tax_inclusive'] = String(product.price.tax_inclusive);
  put('name', product.name);
  put('description', product.description);
  put('tax_category', product.tax_category);
  put('brand_id', product.brand_id);
  put('pricing_mode', product.pricing_mode);
  put('license_key_enabled', product.license_key_enabled);
  put('license_key_activation_message', product.license_key_activation_message);
  put('license_key_activations_limit', product.license_key_activations_limit);
  put('license_key_duration.count', product.license_key_duration?.count);
  put('license_key_duration.interval', product.license_key_duration?.interval);
  put('digital_product_delivery.external_url', product.digital_product_delivery?.external_url);
  put('digital_product_delivery.instructions', product.digital_product_delivery?.instructions);
  values.metadata = JSON.stringify(product.metadata ?? {});
  values.addons = (product.addons ?? []).join(',');
  values.entitlements = product.entitlements.map((e) => e.id).join(',');
  values.credit_entitlements = JSON.stringify(
    product.credit_entitlements.map(
      ({ id: _id, credit_entitlement_name: _n, credit_entitlement_unit: _u, ...rest }) => rest,
    ),
  );
  return values;
}

function json(values: Values, field: string): unknown {
  const text = String(values[field] ?? '').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonFieldError(field);
  }
}

const ids = (value: string | boolean | undefined) =>
  String(value ?? '')
    .split(',')
    .filter(Boolean);

/** The create (and full update) body; numbers the user typed wrong reach the API, which names the field. */
export function productRequest(values: Values): ProductCreateParams {
  const v = (name: string) => values[name];
  const type = v('price.type') as PriceType;
  const common = {
    currency: v('price.currency'),
    discount: numberOrUndefined(v('price.discount')) ?? 0,
    discount_bps: numberOrUndefined(v('price.discount_bps')) ?? null,
    purchasing_power_parity: v('price.purchasing_power_parity') === true,
    tax_inclusive: v('price.tax_inclusive') === '' ? null : v('price.tax_inclusive') === 'true',
  };
  const cycle = {
    payment_frequency_count: numberOrUndefined(v('price.payment_frequency_count')),
    payment_frequency_interval: v('price.payment_frequency_interval'),
    subscription_period_count: numberOrUndefined(v('price.subscription_period_count')),
    subscription_period_interval: v('price.subscription_period_interval'),
  };
  const price =
    type === 'one_time_price'
      ? {
          ...common,
          type,
          price: numberOrUndefined(v('price.price')),
          pay_what_you_want: v('price.pay_what_you_want') === true,
          suggested_price: numberOrUndefined(v('price.suggested_price')) ?? null,
        }
      : type === 'recurring_price'
        ? {
            ...common,
            ...cycle,
            type,
            price: numberOrUndefined(v('price.price')),
            trial_period_days: numberOrUndefined(v('price.trial_period_days')) ?? 0,
            trial_amount: numberOrUndefined(v('price.trial_amount')) ?? null,
            trial_apply_discounts: v('price.trial_apply_discounts') === true,
            trial_payment_method_optional: v('price.trial_payment_method_optional') === true,
            zero_amount_payment_method_optional: v('price.zero_amount_payment_method_optional') === true,
          }
        : {
            ...common,
            ...cycle,
            type,
            fixed_price: numberOrUndefined(v('price.fixed_price')),
            meters: json(values, 'price.meters') ?? null,
          };
  const durationCount = numberOrUndefined(v('license_key_duration.count'));
  const externalUrl = textOrNull(v('digital_product_delivery.external_url'));
  const instructions = textOrNull(v('digital_product_delivery.instructions'));
  return {
    name: String(v('name') ?? ''),
    description: textOrNull(v('description')),
    tax_category: v('tax_category') as ProductCreateParams['tax_category'],
    brand_id: textOrNull(v('brand_id')),
    pricing_mode: (textOrNull(v('pricing_mode')) as ProductCreateParams['pricing_mode']) ?? null,
    price: price as ProductCreateParams['price'],
    license_key_enabled: v('license_key_enabled') === true,
    license_key_activation_message: textOrNull(v('license_key_activation_message')),
    license_key_activations_limit: numberOrUndefined(v('license_key_activations_limit')) ?? null,
    license_key_duration:
      durationCount === undefined
        ? null
        : { count: durationCount, interval: v('license_key_duration.interval') as 'Day' | 'Week' | 'Month' | 'Year' },
    digital_product_delivery: externalUrl || instructions ? { external_url: externalUrl, instructions } : null,
    metadata: (json(values, 'metadata') ?? {}) as Record<string, string>,
    addons: ids(v('addons')),
    entitlements: ids(v('entitlements')).map((entitlement_id) => ({ entitlement_id })),
    credit_entitlements: (json(values, 'credit_entitlements') ?? []) as ProductCreateParams['credit_entitlements'],
  };
}
