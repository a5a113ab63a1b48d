import { invalid } from '../../errors.ts';

interface Attachments {
  credit_entitlements?: unknown[] | null;
  entitlements?: unknown[] | null;
}

/**
 * Credit entitlements and entitlements have no store yet, so no id can name one of them: a request that
 * attaches any is refused rather than answered with data nobody can resolve.
 */
export function requireAttachmentsExist(refs: Attachments): void {
  if (refs.credit_entitlements?.length) {
    throw invalid('MISSING_CREDIT_ENTITLEMENT_IDS', 'credit_entitlements name credit entitlements that do not exist');
  }
  if (refs.entitlements?.length) {
    throw invalid('MISSING_ENTITLEMENT_IDS', 'entitlements name entitlements that do not exist');
  }
}
