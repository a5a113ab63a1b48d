import type DodoPayments from 'dodopayments';

type CreateParams = DodoPayments.ProductCreateParams;

export function oneTimeProduct(overrides: Partial<CreateParams> = {}): CreateParams {
  return {
    name: 'E-book',
    tax_category: 'e_book',
    price: { type: 'one_time_price', price: 1500, currency: 'USD', discount: 0, purchasing_power_parity: false },
    ...overrides,
  };
}

export function recurringProduct(overrides: Partial<CreateParams> = {}): CreateParams {
  return {
    name: 'Pro plan',
    tax_category: 'saas',
    price: {
      type: 'recurring_price',
      price: 2000,
      currency: 'USD',
      discount: 0,
      purchasing_power_parity: false,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      subscription_period_count: 1,
      subscription_period_interval: 'Year',
    },
    ...overrides,
  };
}

export function usageBasedProduct(overrides: Partial<CreateParams> = {}): CreateParams {
  return {
    name: 'API calls',
    tax_category: 'saas',
    price: {
      type: 'usage_based_price',
      fixed_price: 500,
      currency: 'EUR',
      discount: 0,
      purchasing_power_parity: false,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      subscription_period_count: 1,
      subscription_period_interval: 'Month',
    },
    ...overrides,
  };
}
