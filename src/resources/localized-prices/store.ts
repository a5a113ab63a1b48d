import type { Selectable } from 'kysely';
import type { Scope } from '../../context.ts';
import { flag, storedFlag } from '../../db/columns.ts';
import type { Executor } from '../../db/database.ts';
import type { LocalizedPricesTable } from '../../db/schema.ts';
import { type UniqueIndex, violates } from '../../db/unique-violations.ts';
import { ApiError } from '../../errors.ts';
import type { LocalizedPrice } from './schema.ts';

type Stored = Selectable<LocalizedPricesTable>;

/** A rule as the rest of Pricebook sees it: archived a boolean, currency and country typed. */
export interface LocalizedPriceRow extends Omit<Stored, 'archived' | 'currency' | 'country_code'> {
  archived: boolean;
  currency: LocalizedPrice['currency'];
  country_code: LocalizedPrice['country_code'];
}

function fromStored(row: Stored): LocalizedPriceRow {
  return {
    ...row,
    archived: flag(row.archived),
    currency: row.currency as LocalizedPrice['currency'],
    country_code: row.country_code as LocalizedPrice['country_code'],
  };
}

const ACTIVE = storedFlag(false);
const ARCHIVED = storedFlag(true);

/** One active rule per currency (by_currency) and per country (by_country) on a product. */
const ACTIVE_RULES: UniqueIndex[] = [
  { name: 'localized_prices_active_currency', columns: ['localized_prices.product_id', 'localized_prices.currency'] },
  {
    name: 'localized_prices_active_country',
    columns: ['localized_prices.product_id', 'localized_prices.country_code'],
  },
];

const ofProduct = (db: Executor, scope: Scope, productId: string) =>
  db
    .selectFrom('localized_prices')
    .selectAll()
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('product_id', '=', productId);

const updateOfProduct = (db: Executor, scope: Scope, productId: string) =>
  db
    .updateTable('localized_prices')
    .where('business_id', '=', scope.businessId)
    .where('mode', '=', scope.mode)
    .where('product_id', '=', productId);

export async function insertLocalizedPrice(db: Executor, row: Omit<LocalizedPriceRow, 'seq'>): Promise<void> {
  try {
    await db
      .insertInto('localized_prices')
      .values({ ...row, archived: storedFlag(row.archived) })
      .execute();
  } catch (error) {
    if (ACTIVE_RULES.some((index) => violates(error, index))) {
      const target = row.country_code ? `country ${row.country_code}` : `currency ${row.currency}`;
      throw new ApiError('LOCALIZED_PRICE_ALREADY_EXISTS', `an active rule for ${target} already exists`);
    }
    throw error;
  }
}

/** Any rule of the product, archived or not. */
export async function findLocalizedPrice(
  db: Executor,
  scope: Scope,
  productId: string,
  id: string,
): Promise<LocalizedPriceRow | undefined> {
  const row = await ofProduct(db, scope, productId).where('id', '=', id).executeTakeFirst();
  return row && fromStored(row);
}

/** Active rules, oldest first. */
export async function listActiveLocalizedPrices(
  db: Executor,
  scope: Scope,
  productId: string,
): Promise<LocalizedPriceRow[]> {
  const rows = await ofProduct(db, scope, productId).where('archived', '=', ACTIVE).orderBy('seq').execute();
  return rows.map(fromStored);
}

export async function updateAmount(
  db: Executor,
  scope: Scope,
  productId: string,
  id: string,
  change: { amount: number; at: string },
): Promise<void> {
  await updateOfProduct(db, scope, productId)
    .set({ amount: change.amount, updated_at: change.at })
    .where('id', '=', id)
    .execute();
}

export async function archiveLocalizedPrice(
  db: Executor,
  scope: Scope,
  productId: string,
  id: string,
  at: string,
): Promise<void> {
  await updateOfProduct(db, scope, productId)
    .set({ archived: ARCHIVED, updated_at: at })
    .where('id', '=', id)
    .where('archived', '=', ACTIVE)
    .execute();
}

/**
 * Archives the active rules that no longer fit the product: every rule when it has no pricing mode, rules of
 * the other mode, and by_currency rules in what is now the base currency.
 */
export async function archiveUnfitLocalizedPrices(
  db: Executor,
  scope: Scope,
  productId: string,
  product: { pricingMode: LocalizedPricesTable['pricing_mode'] | null; baseCurrency: string; at: string },
): Promise<void> {
  let query = updateOfProduct(db, scope, productId)
    .set({ archived: ARCHIVED, updated_at: product.at })
    .where('archived', '=', ACTIVE);
  const mode = product.pricingMode;
  if (mode !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('pricing_mode', '!=', mode),
        eb.and([eb('pricing_mode', '=', 'by_currency'), eb('currency', '=', product.baseCurrency)]),
      ]),
    );
  }
  await query.execute();
}
