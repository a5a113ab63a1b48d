import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor } from '../../db/database.ts';
import { jsonArrayFrom, jsonRows } from '../../db/json-arrays.ts';
import type { ProductCreditEntitlementsTable } from '../../db/schema.ts';
import { type CreditEntitlementMapping, CreditEntitlementMappingResponse } from './credit-links-schema.ts';

// The link tables that attach credit entitlements and entitlements to products. A product's links are replaced as
// a whole; reads take them as JSON columns of the product rows, so that a page of products is one statement.

type Stored = Selectable<ProductCreditEntitlementsTable>;
type Flag = 'overage_enabled' | 'rollover_enabled' | 'trial_credits_expire_after_trial';
type Typed = Flag | 'currency' | 'overage_behavior' | 'proration_behavior' | 'rollover_timeframe_interval';

/** A link as the rest of Pricebook sees it: flags as booleans, enums typed. */
export type CreditEntitlementLinkRow = Omit<Stored, Typed> & Pick<CreditEntitlementMapping, Typed>;
/** A credit entitlement as a product shows it: the link's settings, the credit entitlement's name and unit. */
export type CreditEntitlementLink = CreditEntitlementMapping;

/** What a product shows beside the link's own fields, read from the credit entitlement it names. */
type Joined = 'credit_entitlement_name' | 'credit_entitlement_unit';
/** The link columns a product shows: the response schema's fields, less the joined ones. */
const LINK_FIELDS = Object.keys(CreditEntitlementMappingResponse.properties).filter(
  (field): field is Exclude<keyof CreditEntitlementMapping, Joined> =>
    field !== 'credit_entitlement_name' && field !== 'credit_entitlement_unit',
);

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
  if (links.length === 0) return;
  const stored = links.map((link) => ({
    ...link,
    overage_enabled: storedFlag(link.overage_enabled),
    rollover_enabled: storedFlag(link.rollover_enabled),
    trial_credits_expire_after_trial: storedFlag(link.trial_credits_expire_after_trial),
  }));
  await db.insertInto('product_credit_entitlements').values(stored).execute();
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
        ...LINK_FIELDS.map((field) => `l.${field}` as const),
        'ce.name as credit_entitlement_name',
        'ce.unit as credit_entitlement_unit',
      ])
      .where('l.product_id', '=', sql.ref<string>('products.id'))
      .orderBy('l.position'),
  );
}

/** The column `creditEntitlementLinksColumn` reads, decoded in place: its rows are fresh from `jsonRows`. */
export function decodeCreditEntitlementLinks(column: unknown): CreditEntitlementLink[] {
  const links = jsonRows<Pick<Stored, (typeof LINK_FIELDS)[number]>>(column);
  for (const stored of links) {
    const link = stored as unknown as { -readonly [K in Flag]: boolean };
    link.overage_enabled = flag(stored.overage_enabled);
    link.rollover_enabled = flag(stored.rollover_enabled);
    link.trial_credits_expire_after_trial = flag(stored.trial_credits_expire_after_trial);
  }
  return links as unknown as CreditEntitlementLink[];
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
