import { invalid } from '../../errors.ts';
import type { MeterOnPrice, Price, PriceRequest } from './price-schema.ts';

const BPS_PER_PERCENT = 100;
const MAX_BPS = 100 * BPS_PER_PERCENT;

/**
 * Checks a requested price against the catalogue's rules and fills in every default, so that what is
 * stored (and echoed) carries every key of the spec's `Price`.
 */
export function normalizePrice(req: PriceRequest): Price {
  const discountBps = discountInBps(req);
  const common = {
    currency: req.currency,
    discount: Math.round(discountBps / BPS_PER_PERCENT),
    discount_bps: discountBps,
    purchasing_power_parity: req.purchasing_power_parity ?? false,
    tax_inclusive: req.tax_inclusive ?? null,
  };
  switch (req.type) {
    case 'one_time_price': {
      const payWhatYouWant = req.pay_what_you_want ?? false;
      const suggested = req.suggested_price ?? null;
      if (payWhatYouWant && suggested !== null && suggested < req.price) {
        throw invalid('INVALID_SUGGESTED_PRICE', 'price.suggested_price must be at least price.price');
      }
      return {
        type: req.type,
        price: req.price,
        ...common,
        pay_what_you_want: payWhatYouWant,
        suggested_price: suggested,
      };
    }
    case 'recurring_price': {
      rejectPayWhatYouWant(req);
      const trialDays = req.trial_period_days ?? 0;
      const trialAmount = req.trial_amount ?? null;
      if (trialAmount !== null && trialDays === 0) {
        throw invalid('INVALID_REQUEST_BODY', 'price.trial_amount needs price.trial_period_days greater than 0');
      }
      return {
        type: req.type,
        price: req.price,
        ...common,
        ...periodsOf(req),
        trial_period_days: trialDays,
        trial_amount: trialAmount,
        trial_apply_discounts: req.trial_apply_discounts ?? false,
        trial_payment_method_optional: req.trial_payment_method_optional ?? false,
        zero_amount_payment_method_optional: req.zero_amount_payment_method_optional ?? false,
      };
    }
    case 'usage_based_price':
      rejectPayWhatYouWant(req);
      return {
        type: req.type,
        fixed_price: req.fixed_price,
        ...common,
        ...periodsOf(req),
        meters: req.meters ? req.meters.map(normalizeMeter) : null,
      };
  }
}

/** Subscriptions and usage-based prices both bill by period (catalog decision Q7). */
export function isRecurring(price: Price): boolean {
  return price.type !== 'one_time_price';
}

/** The headline amount of a list item: `fixed_price` for usage-based prices (Q8). */
export function headlineAmount(price: Price): number {
  return price.type === 'usage_based_price' ? price.fixed_price : price.price;
}

/** `discount_bps` wins over `discount` when both are sent (SDK 2.52). */
function discountInBps(req: PriceRequest): number {
  if (req.discount_bps !== undefined && req.discount_bps !== null) {
    if (req.discount_bps < 0 || req.discount_bps > MAX_BPS) {
      throw invalid('INVALID_PERCENTAGE', `price.discount_bps must be from 0 to ${MAX_BPS}`);
    }
    return req.discount_bps;
  }
  const percent = req.discount ?? 0;
  if (percent < 0 || percent > 100) throw invalid('INVALID_PERCENTAGE', 'price.discount must be from 0 to 100');
  return percent * BPS_PER_PERCENT;
}

/** The recurring variants have no `pay_what_you_want`; a request that sets it is refused, not ignored. */
function rejectPayWhatYouWant(req: PriceRequest): void {
  if ((req as { pay_what_you_want?: unknown }).pay_what_you_want === true) {
    throw invalid('PAY_WHAT_YOU_WANT_NOT_SUPPORTED', 'pay_what_you_want is only available on one_time_price');
  }
}

function periodsOf(req: Extract<PriceRequest, { payment_frequency_count: number }>) {
  return {
    payment_frequency_count: req.payment_frequency_count,
    payment_frequency_interval: req.payment_frequency_interval,
    subscription_period_count: req.subscription_period_count,
    subscription_period_interval: req.subscription_period_interval,
  };
}

/** The meter's name, description and unit are copied from the meter when the product is read. */
function normalizeMeter(meter: MeterOnPrice): MeterOnPrice {
  if (meter.credit_entitlement_id && !meter.meter_units_per_credit) {
    throw invalid('INVALID_REQUEST_BODY', 'meter_units_per_credit is required when credit_entitlement_id is set');
  }
  return {
    meter_id: meter.meter_id,
    price_per_unit: meter.price_per_unit ?? null,
    free_threshold: meter.free_threshold ?? null,
    credit_entitlement_id: meter.credit_entitlement_id ?? null,
    meter_units_per_credit: meter.meter_units_per_credit ?? null,
    name: null,
    description: null,
    measurement_unit: null,
  };
}
