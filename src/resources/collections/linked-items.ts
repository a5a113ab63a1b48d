import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { pricesAsShown } from '../products/linked.ts';
import type { Price } from '../products/price-schema.ts';
import type { ItemWithProduct } from './members-store.ts';

/**
 * The items' prices as their products show them (each meter with its current name, description and unit),
 * by product id. The products' own reader does it in a fixed number of queries for any number of items.
 */
export async function pricesOf(
  db: Executor,
  scope: Scope,
  items: readonly ItemWithProduct[],
): Promise<Map<string, Price>> {
  const prices = await pricesAsShown(
    db,
    scope,
    items.map((item) => item.price),
  );
  return new Map(items.map((item, i) => [item.product_id, prices[i]!]));
}
