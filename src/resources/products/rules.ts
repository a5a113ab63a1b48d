import { invalid } from '../../errors.ts';
import { METADATA_LIMITS } from '../../http/schemas.ts';
import type { Price } from './price-schema.ts';
import { LIMITS } from './schema.ts';

/** Metadata may hold at most 50 pairs (Dodo's `MAXIMUM_KEYS_REACHED`); key and value sizes are in the schema. */
export function checkMetadata(metadata: Record<string, unknown>): void {
  if (Object.keys(metadata).length > METADATA_LIMITS.pairs) {
    throw invalid('MAXIMUM_KEYS_REACHED', `metadata can hold at most ${METADATA_LIMITS.pairs} pairs`);
  }
}

interface References {
  addons?: string[] | null;
  credit_entitlements?: { credit_entitlement_id: string }[] | null;
  entitlements?: { entitlement_id: string }[] | null;
  digital_product_delivery?: { files?: string[] | null; external_url?: string | null } | null;
}

type DuplicateCode =
  | 'DUPLICATE_ADDON_IDS_IN_REQUEST'
  | 'DUPLICATE_METER_IDS_IN_REQUEST'
  | 'DUPLICATE_CREDIT_ENTITLEMENT_IDS_IN_REQUEST'
  | 'DUPLICATE_ENTITLEMENT_IDS_IN_REQUEST';

/**
 * The rules on what a product points at that its own request can settle: addons only on subscriptions,
 * no repeats, the caps, and a meter billed in credits names a credit entitlement of the same product.
 * `refs` holds the product's resulting references (on PATCH, stored ones where the request leaves them out).
 * Whether each id exists is checked by the resource it names.
 */
export function checkReferences(price: Price, refs: References): void {
  const addons = refs.addons ?? [];
  if (addons.length > 0) {
    if (price.type === 'usage_based_price') {
      throw invalid('ADDONS_IN_USAGE_BASED_BILLING_NOT_SUPPORTED', 'addons are not available on usage_based_price');
    }
    if (price.type === 'one_time_price') {
      throw invalid('INVALID_REQUEST_BODY', 'addons are only available on recurring_price (subscriptions)');
    }
  }
  requireUnique(addons, 'DUPLICATE_ADDON_IDS_IN_REQUEST', 'addons');
  requireAtMost(addons, LIMITS.addons, 'addons');

  const meters = price.type === 'usage_based_price' ? (price.meters ?? []) : [];
  const meterIds = meters.map((m) => m.meter_id);
  requireUnique(meterIds, 'DUPLICATE_METER_IDS_IN_REQUEST', 'price.meters');
  requireAtMost(meterIds, LIMITS.meters, 'price.meters');

  const creditEntitlementIds = (refs.credit_entitlements ?? []).map((c) => c.credit_entitlement_id);
  requireUnique(creditEntitlementIds, 'DUPLICATE_CREDIT_ENTITLEMENT_IDS_IN_REQUEST', 'credit_entitlements');
  requireAtMost(creditEntitlementIds, LIMITS.creditEntitlements, 'credit_entitlements');
  for (const meter of meters) {
    if (meter.credit_entitlement_id && !creditEntitlementIds.includes(meter.credit_entitlement_id)) {
      throw invalid(
        'CREDIT_ENTITLEMENT_NOT_ATTACHED',
        `price.meters bills ${meter.meter_id} in ${meter.credit_entitlement_id}, which is not in this product's credit_entitlements`,
      );
    }
  }

  const entitlementIds = (refs.entitlements ?? []).map((e) => e.entitlement_id);
  requireUnique(entitlementIds, 'DUPLICATE_ENTITLEMENT_IDS_IN_REQUEST', 'entitlements');
  requireAtMost(entitlementIds, LIMITS.entitlements, 'entitlements');
  requireAtMost(refs.digital_product_delivery?.files ?? [], LIMITS.files, 'digital_product_delivery.files');
}

function requireUnique(ids: string[], code: DuplicateCode, field: string) {
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) throw invalid(code, `${field} repeats ${[...new Set(repeated)].join(', ')}`);
}

function requireAtMost(items: unknown[], max: number, field: string) {
  if (items.length > max) throw invalid('INVALID_REQUEST_BODY', `${field} can hold at most ${max} entries`);
}
