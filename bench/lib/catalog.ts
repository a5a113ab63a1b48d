// Request bodies of the catalog the benchmarks build: the same shapes a user's SDK sends.

export function productBody(n: number): Record<string, unknown> {
  const common = {
    name: `Plan ${n}`,
    description: `Benchmark product number ${n}, with a description of a realistic length.`,
    metadata: { tier: String(n % 5), source: 'bench' },
  };
  if (n % 2 === 0) {
    return {
      ...common,
      tax_category: 'e_book',
      price: { type: 'one_time_price', price: 1500 + n, currency: 'USD', discount: 0, purchasing_power_parity: false },
    };
  }
  return {
    ...common,
    tax_category: 'saas',
    price: {
      type: 'recurring_price',
      price: 2000 + n,
      currency: 'USD',
      discount: 0,
      purchasing_power_parity: false,
      payment_frequency_count: 1,
      payment_frequency_interval: 'Month',
      subscription_period_count: 1,
      subscription_period_interval: 'Year',
    },
  };
}

/** A collection whose groups hold the given products, in order. */
export function collectionBody(n: number, groups: string[][]): Record<string, unknown> {
  return {
    name: `Collection ${n}`,
    description: `Benchmark collection number ${n}`,
    groups: groups.map((productIds, g) => ({
      group_name: `Group ${g}`,
      products: productIds.map((product_id) => ({ product_id })),
    })),
  };
}
