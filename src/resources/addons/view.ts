import type { Urls } from '../../lib/urls.ts';
import type { Addon } from './schema.ts';
import type { AddonRow } from './store.ts';

export function toAddon(row: AddonRow, urls: Urls): Addon {
  return {
    id: row.id,
    business_id: row.business_id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    price: row.price,
    currency: row.currency,
    tax_category: row.tax_category,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
