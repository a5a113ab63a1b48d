import type { Scope } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { archiveUnfitLocalizedPrices } from './store.ts';

// What other resources may ask of localized prices.

/** After a product's pricing mode or price changes, archives its rules that no longer fit it. */
export function archiveUnfit(
  tx: Tx,
  scope: Scope,
  productId: string,
  product: Parameters<typeof archiveUnfitLocalizedPrices>[3],
): Promise<void> {
  return archiveUnfitLocalizedPrices(tx, scope, productId, product);
}
