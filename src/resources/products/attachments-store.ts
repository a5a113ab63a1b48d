import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import type { Mode, ProductCreditEntitlementsTable } from '../../db/schema.ts';

// The link tables that attach credit entitlements and entitlements to products. A product's links are replaced as
// a whole; reads take the links of many products at once, so that a page of products costs one query per table.

export type CreditEntitlementLinkRow = Selectable<ProductCreditEntitlementsTable>;
export type CreditEntitlementLink = CreditEntitlementLinkRow & {
  credit_entitlement_name: string;
  credit_entitlement_unit: string;
};
export interface EntitlementLink {
  product_id: string;
  id: string;
  name: string;
  description: string | null;
  integration_type: string;
  integration_config: string;
}

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

/** The credit entitlements attached to these products, with each one's name and unit, in attachment order. */
type LinksKey = { businessId: string; mode: string; productIds: readonly string[] };

// Every product read runs both: compiled once per number of products rather than built each time.
const creditEntitlementLinks = prepared<LinksKey, CreditEntitlementLink>((db, slots) =>
  db
    .selectFrom('product_credit_entitlements as l')
    .innerJoin('credit_entitlements as ce', 'ce.id', 'l.credit_entitlement_id')
    .selectAll('l')
    .select(['ce.name as credit_entitlement_name', 'ce.unit as credit_entitlement_unit'])
    .where('l.business_id', '=', slots.text('businessId'))
    .where('l.mode', '=', slots.text('mode') as Mode)
    .where('l.product_id', 'in', slots.list('productIds'))
    .orderBy('l.product_id')
    .orderBy('l.position'),
);

const entitlementLinks = prepared<LinksKey, EntitlementLink>((db, slots) =>
  db
    .selectFrom('product_entitlements as l')
    .innerJoin('entitlements as e', 'e.id', 'l.entitlement_id')
    .select(['l.product_id', 'e.id', 'e.name', 'e.description', 'e.integration_type', 'e.integration_config'])
    .where('l.business_id', '=', slots.text('businessId'))
    .where('l.mode', '=', slots.text('mode') as Mode)
    .where('l.product_id', 'in', slots.list('productIds'))
    .orderBy('l.product_id')
    .orderBy('l.position'),
);

export async function creditEntitlementLinksOf(
  db: Executor,
  scope: Scope,
  productIds: string[],
): Promise<CreditEntitlementLink[]> {
  if (productIds.length === 0) return [];
  return creditEntitlementLinks(db, { businessId: scope.businessId, mode: scope.mode, productIds });
}

/** The entitlements attached to these products, in attachment order. */
export async function entitlementLinksOf(db: Executor, scope: Scope, productIds: string[]): Promise<EntitlementLink[]> {
  if (productIds.length === 0) return [];
  return entitlementLinks(db, { businessId: scope.businessId, mode: scope.mode, productIds });
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
