import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { jsonArrayFrom } from '../../db/json-arrays.ts';
import type { ProductCreditEntitlementsTable } from '../../db/schema.ts';

// The link tables that attach credit entitlements and entitlements to products. A product's links are replaced as
// a whole; reads take them as JSON columns of the product rows, so that a page of products is one statement.

export type CreditEntitlementLinkRow = Selectable<ProductCreditEntitlementsTable>;
/** A credit entitlement as a product shows it: the link's settings, the credit entitlement's name and unit. */
export type CreditEntitlementLink = Omit<
  CreditEntitlementLinkRow,
  'business_id' | 'mode' | 'product_id' | 'position'
> & {
  credit_entitlement_name: string;
  credit_entitlement_unit: string;
};

/** Replacing a product's links starts by removing the ones it has: both link tables are keyed alike. */
async function deleteLinks(
  db: Executor,
  table: 'product_credit_entitlements' | 'product_entitlements',
  scope: Scope,
  productId: string,
): Promise<void> {
  await db
    .deleteFrom(table)
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('product_id', '=', productId)
    .execute();
}

export async function replaceCreditEntitlementLinks(
  db: Executor,
  scope: Scope,
  productId: string,
  links: CreditEntitlementLinkRow[],
): Promise<void> {
  await deleteLinks(db, 'product_credit_entitlements', scope, productId);
  if (links.length > 0) await db.insertInto('product_credit_entitlements').values(links).execute();
}

export async function replaceEntitlementLinks(
  db: Executor,
  scope: Scope,
  productId: string,
  entitlementIds: string[],
): Promise<void> {
  await deleteLinks(db, 'product_entitlements', scope, productId);
  if (entitlementIds.length === 0) return;
  await db
    .insertInto('product_entitlements')
    .values(
      entitlementIds.map((entitlementId, position) => ({
        business_id: scope.businessId,
        mode: scope.mode,
        product_id: productId,
        entitlement_id: entitlementId,
        position,
      })),
    )
    .execute();
}

/**
 * A product's credit entitlements, with each one's name and unit, in attachment order: a column of a select on
 * `products`, so that a product and its links take one statement.
 */
export function creditEntitlementLinksColumn(db: Executor): RawBuilder<unknown> {
  return jsonArrayFrom(
    db,
    db
      .selectFrom('product_credit_entitlements as l')
      .innerJoin('credit_entitlements as ce', 'ce.id', 'l.credit_entitlement_id')
      .select([
        'l.id',
        'l.credit_entitlement_id',
        'l.credits_amount',
        'l.currency',
        'l.expires_after_days',
        'l.low_balance_threshold_percent',
        'l.max_rollover_count',
        'l.overage_behavior',
        'l.overage_enabled',
        'l.overage_limit',
        'l.price_per_unit',
        'l.proration_behavior',
        'l.rollover_enabled',
        'l.rollover_percentage',
        'l.rollover_timeframe_count',
        'l.rollover_timeframe_interval',
        'l.trial_credits',
        'l.trial_credits_expire_after_trial',
        'ce.name as credit_entitlement_name',
        'ce.unit as credit_entitlement_unit',
      ])
      .where('l.product_id', '=', sql.ref<string>('products.id'))
      .orderBy('l.position'),
  );
}

/** A product's entitlements, in attachment order: a column of a select on `products`, read with `jsonRows`. */
export function entitlementLinksColumn(db: Executor): RawBuilder<unknown> {
  return jsonArrayFrom(
    db,
    db
      .selectFrom('product_entitlements as l')
      .innerJoin('entitlements as e', 'e.id', 'l.entitlement_id')
      .select(['e.id', 'e.name', 'e.description', 'e.integration_type', 'e.integration_config'])
      .where('l.product_id', '=', sql.ref<string>('products.id'))
      .orderBy('l.position'),
  );
}

/** The ids of a product's credit entitlements, in attachment order: a column of a select on `products` (`jsonRows`). */
export function creditEntitlementIdsColumn(db: Executor): RawBuilder<unknown> {
  return jsonArrayFrom(
    db,
    db
      .selectFrom('product_credit_entitlements as l')
      .select('l.credit_entitlement_id as id')
      .where('l.product_id', '=', sql.ref<string>('products.id'))
      .orderBy('l.position'),
  );
}

/** Which of these products have at least one credit entitlement attached. */
export async function productsWithCreditEntitlements(
  db: Executor,
  scope: Scope,
  productIds: string[],
): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('product_credit_entitlements')
    .select('product_id')
    .distinct()
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('product_id', 'in', productIds)
    .execute();
  return new Set(rows.map((r) => r.product_id));
}

/** A deleted entitlement leaves every product it was attached to. */
export async function detachEntitlement(db: Executor, scope: Scope, entitlementId: string): Promise<void> {
  await db
    .deleteFrom('product_entitlements')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('entitlement_id', '=', entitlementId)
    .execute();
}
