import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { loadLinked } from '../products/linked.ts';
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
  const products = items.map((item) => ({ id: item.product_id, price: item.price }));
  const linked = await loadLinked(db, scope, products, { creditEntitlements: false });
  return new Map([...linked].map(([id, { price }]) => [id, price]));
}
