import type { Static } from '@sinclair/typebox';
import type { Context, Scope } from '../../context.ts';
import type { Executor, Tx } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { newUuid } from '../../lib/ids.ts';
import type { CreditEntitlementRow } from '../credit-entitlements/api.ts';
import { checkCreditSettings } from '../credit-entitlements/rules.ts';
import {
  type CreditEntitlementLinkRow,
  replaceCreditEntitlementLinks,
  replaceEntitlementLinks,
} from './attachments-store.ts';
import { type AttachCreditEntitlementRequest, INHERITED_SETTINGS } from './credit-links-schema.ts';
import type { Price } from './price-schema.ts';
import { requireReferencesExist } from './references.ts';

type Attach = Static<typeof AttachCreditEntitlementRequest>;

/** The links to store for each kind a request gives; null keeps the product's links of that kind. */
export interface Links {
  creditEntitlements: CreditEntitlementLinkRow[] | null;
  entitlementIds: string[] | null;
}

/** What a product request names; a field left null or out is not part of the request. */
interface Named {
  addons?: string[] | null;
  price: Price | null;
  credit_entitlements?: Attach[] | null;
  entitlements?: { entitlement_id: string }[] | null;
}

/**
 * Checks that every id `req` names exists and may be used (holding those rows until the transaction ends), and
 * resolves the links to store for the product.
 */
export async function resolveReferences(trx: Tx, ctx: Context, productId: string, req: Named): Promise<Links> {
  const meters = req.price?.type === 'usage_based_price' ? (req.price.meters ?? []).map((m) => m.meter_id) : null;
  const creditEntitlements = await requireReferencesExist(trx, ctx.scope, {
    addons: req.addons ?? null,
    meters,
    creditEntitlements: req.credit_entitlements?.map((c) => c.credit_entitlement_id) ?? null,
    entitlements: req.entitlements?.map((e) => e.entitlement_id) ?? null,
  });
  return {
    creditEntitlements: req.credit_entitlements
      ? resolveCreditEntitlementLinks(ctx.scope, productId, req.credit_entitlements, creditEntitlements)
      : null,
    entitlementIds: req.entitlements?.map((e) => e.entitlement_id) ?? null,
  };
}

/** What an attachment gets for the settings a credit entitlement does not have. */
const ATTACHMENT_DEFAULTS = { proration_behavior: 'prorate', trial_credits_expire_after_trial: false } as const;

/**
 * The links to store for `attachments`, in request order. Each setting the request leaves out (or sends as null) is
 * taken from the credit entitlement as it is now, so the link keeps what the product was sold with even if the
 * credit entitlement changes later. The resolved settings follow the credit entitlement's own rules, and credit
 * amounts may carry no more decimals than its precision.
 */
function resolveCreditEntitlementLinks(
  scope: Scope,
  productId: string,
  attachments: Attach[],
  creditEntitlements: Map<string, CreditEntitlementRow>,
): CreditEntitlementLinkRow[] {
  return attachments.map((attach, position) => {
    const where = `body/credit_entitlements/${position}`;
    const ce = creditEntitlements.get(attach.credit_entitlement_id);
    if (!ce) throw new Error(`credit entitlement ${attach.credit_entitlement_id} was not looked up`);
    requirePrecision(attach.credits_amount, ce.precision, `${where}/credits_amount`);
    if (attach.trial_credits != null) requirePrecision(attach.trial_credits, ce.precision, `${where}/trial_credits`);
    const link: CreditEntitlementLinkRow = {
      id: newUuid(),
      business_id: scope.businessId,
      mode: scope.mode,
      product_id: productId,
      credit_entitlement_id: ce.id,
      position,
      credits_amount: attach.credits_amount,
      ...inherited(attach, ce),
      low_balance_threshold_percent: attach.low_balance_threshold_percent ?? null,
      overage_limit: attach.overage_limit ?? (ce.overage_limit === null ? null : String(ce.overage_limit)),
      proration_behavior: attach.proration_behavior ?? ATTACHMENT_DEFAULTS.proration_behavior,
      trial_credits: attach.trial_credits ?? null,
      trial_credits_expire_after_trial:
        attach.trial_credits_expire_after_trial ?? ATTACHMENT_DEFAULTS.trial_credits_expire_after_trial,
    };
    checkCreditSettings(link, where);
    return link;
  });
}

type Inherited = Pick<CreditEntitlementRow, (typeof INHERITED_SETTINGS)[number]>;

/** Each inherited setting as the attachment request gives it, or else as the credit entitlement has it now. */
function inherited(attach: Attach, ce: CreditEntitlementRow): Inherited {
  return Object.fromEntries(INHERITED_SETTINGS.map((field) => [field, attach[field] ?? ce[field]])) as Inherited;
}

/** A decimal string with at most `precision` digits after the point. */
function requirePrecision(amount: string, precision: number, where: string): void {
  const decimals = amount.split('.')[1]?.length ?? 0;
  if (decimals > precision) {
    throw invalid(
      'INVALID_REQUEST_BODY',
      `${where} has ${decimals} decimals; the credit entitlement allows ${precision}`,
    );
  }
}

/** Replaces a product's links of each kind given; a kind left null keeps its links (`[]` removes them, Q1). */
export async function saveAttachments(db: Executor, scope: Scope, productId: string, links: Links): Promise<void> {
  if (links.creditEntitlements) await replaceCreditEntitlementLinks(db, scope, productId, links.creditEntitlements);
  if (links.entitlementIds) await replaceEntitlementLinks(db, scope, productId, links.entitlementIds);
}
