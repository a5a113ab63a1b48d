import type { Urls } from '../../lib/urls.ts';
import type { Brand } from './schema.ts';
import type { BrandRow } from './store.ts';

export function toBrand(row: BrandRow, urls: Urls): Brand {
  return {
    brand_id: row.id,
    business_id: row.business_id,
    name: row.name,
    description: row.description,
    image: row.image_id ? urls.image(row.image_id) : null,
    statement_descriptor: row.statement_descriptor,
    support_email: row.support_email,
    url: row.url,
    enabled: row.enabled,
    verification_enabled: row.verification_enabled,
    verification_status: row.verification_status,
    reason_for_hold: row.reason_for_hold,
    archived_at: row.archived_at,
  };
}
