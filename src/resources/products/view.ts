import type { Urls } from '../../lib/urls.ts';
import { toEntitlementSummary } from '../entitlements/view.ts';
import { pickFiles, type ResolvedFiles } from '../media/service.ts';
import type { Linked } from './linked.ts';
import { headlineAmount } from './price.ts';
import type { Product, ProductListItem } from './schema.ts';
import type { ListedProduct, ProductRecord } from './store.ts';

/**
 * `files` holds at least the product's files and its entitlements' files, resolved with their download URLs;
 * `linked`, what else the product points at.
 */
export function toProduct(row: ProductRecord, urls: Urls, files: ResolvedFiles, linked: Linked): Product {
  const delivery = row.digital_product_delivery;
  return {
    product_id: row.id,
    business_id: row.business_id,
    brand_id: row.brand_id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    price: linked.price,
    is_recurring: row.is_recurring,
    tax_category: row.tax_category,
    metadata: row.metadata,
    addons: row.addons,
    credit_entitlements: linked.creditEntitlements,
    entitlements: linked.entitlements.map((entitlement) => toEntitlementSummary(entitlement, files)),
    digital_product_delivery: delivery && {
      external_url: delivery.external_url,
      instructions: delivery.instructions,
      files: pickFiles(delivery.files, files),
    },
    license_key_enabled: row.license_key_enabled,
    license_key_activation_message: row.license_key_activation_message,
    license_key_activations_limit: row.license_key_activations_limit,
    license_key_duration: row.license_key_duration,
    pricing_mode: row.pricing_mode,
    product_collection_id: row.product_collection_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** `files` holds at least the files of the product's entitlements, resolved. */
export function toListItem(row: ListedProduct, urls: Urls, linked: Linked, files: ResolvedFiles): ProductListItem {
  const price = linked.price;
  return {
    product_id: row.id,
    business_id: row.business_id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    price: headlineAmount(price),
    currency: price.currency,
    tax_inclusive: price.tax_inclusive ?? null,
    price_detail: price,
    pricing_mode: row.pricing_mode,
    is_recurring: row.is_recurring,
    tax_category: row.tax_category,
    metadata: row.metadata,
    entitlements: linked.entitlements.map((entitlement) => toEntitlementSummary(entitlement, files)),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
