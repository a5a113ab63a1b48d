import { invalid } from '../../errors.ts';
import type { CreateLocalizedPriceRequest, RuleMode } from './schema.ts';

/**
 * What a new rule must fit (Dodo's localized-pricing guide): the product has a pricing mode; a by_country
 * rule names a country and a by_currency rule does not; a by_currency rule is not in the base currency.
 */
export function checkNewRule(
  product: { pricingMode: RuleMode | null; baseCurrency: string },
  rule: CreateLocalizedPriceRequest,
): void {
  if (product.pricingMode === null) {
    throw invalid('PRODUCT_PRICING_MODE_REQUIRED', 'set the product pricing_mode before adding localized prices');
  }
  const country = rule.country_code ?? null;
  if (product.pricingMode === 'by_country' && country === null) {
    throw invalid('LOCALIZED_PRICE_SHAPE_MISMATCH', 'country_code is required: the product prices by_country');
  }
  if (product.pricingMode === 'by_currency' && country !== null) {
    throw invalid('LOCALIZED_PRICE_SHAPE_MISMATCH', 'country_code is not allowed: the product prices by_currency');
  }
  if (product.pricingMode === 'by_currency' && rule.currency === product.baseCurrency) {
    throw invalid(
      'LOCALIZED_PRICE_DUPLICATES_BASE',
      `${rule.currency} is the product's base currency: a by_currency rule must use another`,
    );
  }
}
