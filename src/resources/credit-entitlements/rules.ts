import { invalid } from '../../errors.ts';

/** The settings whose combination is constrained, wherever they are held: a credit entitlement or an attachment. */
export interface CreditSettings {
  currency: string | null;
  price_per_unit: string | null;
  overage_enabled: boolean;
  rollover_timeframe_count: number | null;
  rollover_timeframe_interval: string | null;
}

/**
 * The spec's rules on a whole set of settings (after a PATCH is merged, or an attachment is resolved): a price needs
 * its currency, overage needs a price, and the two rollover timeframe fields come together or not at all.
 */
export function checkCreditSettings(settings: CreditSettings, where: string): void {
  if (settings.price_per_unit !== null && settings.currency === null) {
    throw invalid('INVALID_REQUEST_BODY', `${where}: currency is required when price_per_unit is set`);
  }
  if (settings.overage_enabled && settings.price_per_unit === null) {
    throw invalid('INVALID_REQUEST_BODY', `${where}: price_per_unit is required when overage_enabled is true`);
  }
  if ((settings.rollover_timeframe_count === null) !== (settings.rollover_timeframe_interval === null)) {
    throw invalid(
      'INVALID_REQUEST_BODY',
      `${where}: rollover_timeframe_count and rollover_timeframe_interval must be set together`,
    );
  }
}
