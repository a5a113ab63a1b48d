import type { Urls } from '../../lib/urls.ts';
import { headlineAmount } from '../products/price.ts';
import type { Price } from '../products/price-schema.ts';
import type { ProductCollectionGroupResponse, ProductCollectionProduct } from './groups-schema.ts';
import type { GroupRow } from './groups-store.ts';
import type { ItemWithProduct } from './members-store.ts';
import type { ProductCollection, ProductCollectionListItem } from './schema.ts';
import type { CollectionListRow, CollectionRow } from './store.ts';

/**
 * An item shows its product as it is now: nothing is copied when the product joins the group. `price` is the
 * product's price as the product itself shows it.
 */
export function toItem(item: ItemWithProduct, price: Price): ProductCollectionProduct {
  return {
    id: item.id,
    product_id: item.product_id,
    status: item.status,
    name: item.name,
    description: item.description,
    price: headlineAmount(price),
    currency: price.currency,
    price_detail: price,
    tax_category: item.tax_category,
    tax_inclusive: price.tax_inclusive ?? null,
    is_recurring: item.is_recurring,
    license_key_enabled: item.license_key_enabled,
    addons_count: item.addons?.length ?? 0,
    meters_count: price.type === 'usage_based_price' ? (price.meters?.length ?? 0) : 0,
    files_count: item.digital_product_delivery?.files.length ?? 0,
    has_credit_entitlements: item.has_credit_entitlements,
  };
}

/** `items` are the group's own, in display order; `prices` hold their products' prices by product id. */
export function toGroup(
  group: GroupRow,
  items: readonly ItemWithProduct[],
  prices: ReadonlyMap<string, Price>,
): ProductCollectionGroupResponse {
  return {
    group_id: group.id,
    group_name: group.name,
    status: group.status,
    products: items.map((item) => toItem(item, prices.get(item.product_id)!)),
  };
}

/** `groups` in display order; `items` are every item of the collection, in display order within each group. */
export function toCollection(
  row: CollectionRow,
  groups: readonly GroupRow[],
  items: readonly ItemWithProduct[],
  prices: ReadonlyMap<string, Price>,
  urls: Urls,
): ProductCollection {
  const byGroup = new Map<string, ItemWithProduct[]>();
  for (const item of items) {
    const own = byGroup.get(item.group_id);
    if (own) own.push(item);
    else byGroup.set(item.group_id, [item]);
  }
  return {
    id: row.id,
    brand_id: row.brand_id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    groups: groups.map((group) => toGroup(group, byGroup.get(group.id) ?? [], prices)),
    effective_at_on_upgrade: row.effective_at_on_upgrade,
    effective_at_on_downgrade: row.effective_at_on_downgrade,
    on_payment_failure: row.on_payment_failure,
    proration_billing_mode_on_upgrade: row.proration_billing_mode_on_upgrade,
    proration_billing_mode_on_downgrade: row.proration_billing_mode_on_downgrade,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toListItem(row: CollectionListRow, urls: Urls): ProductCollectionListItem {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    products_count: row.products_count,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
