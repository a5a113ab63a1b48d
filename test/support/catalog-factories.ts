import type DodoPayments from 'dodopayments';

// Create params for what products point at, as the official SDK types them.

export function addon(overrides: Partial<DodoPayments.AddonCreateParams> = {}): DodoPayments.AddonCreateParams {
  return { name: 'Extra seat', price: 500, currency: 'USD', tax_category: 'saas', ...overrides };
}

export function meter(overrides: Partial<DodoPayments.MeterCreateParams> = {}): DodoPayments.MeterCreateParams {
  return {
    name: 'API calls',
    event_name: 'api.call',
    measurement_unit: 'calls',
    aggregation: { type: 'count' },
    ...overrides,
  };
}

export function creditEntitlement(
  overrides: Partial<DodoPayments.CreditEntitlementCreateParams> = {},
): DodoPayments.CreditEntitlementCreateParams {
  return {
    name: 'Tokens',
    precision: 2,
    unit: 'tokens',
    rollover_enabled: false,
    overage_enabled: false,
    ...overrides,
  };
}

export function entitlement(
  overrides: Partial<DodoPayments.EntitlementCreateParams> = {},
): DodoPayments.EntitlementCreateParams {
  return {
    name: 'Pro features',
    integration_type: 'feature_flag',
    integration_config: { feature_type: 'boolean', feature_id: 'pro' },
    ...overrides,
  };
}
