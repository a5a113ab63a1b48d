// The closed catalogue of error codes Pricebook answers with, and the HTTP status of each.
// Bodies are always `{ code, message }` (Dodo's error-codes page).

export type ErrorCode =
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'INVALID_REQUEST_BODY'
  | 'INVALID_QUERY_PARAMS'
  | 'INVALID_REQUEST_PARAMETERS'
  | 'MALFORMED_JSON'
  | 'BAD_REQUEST'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'PRODUCT_IS_DELETED'
  | 'PRICING_MODEL_IMMUTABLE'
  | 'INVALID_PERCENTAGE'
  | 'INVALID_SUGGESTED_PRICE'
  | 'PAY_WHAT_YOU_WANT_NOT_SUPPORTED'
  | 'MAXIMUM_KEYS_REACHED'
  | 'BRAND_NOT_ENABLED'
  | 'BRAND_NOT_FOUND'
  | 'MISSING_ADDON_IDS'
  | 'DUPLICATE_ADDON_IDS_IN_REQUEST'
  | 'ADDONS_IN_USAGE_BASED_BILLING_NOT_SUPPORTED'
  | 'MISSING_METER_IDS'
  | 'DUPLICATE_METER_IDS_IN_REQUEST'
  | 'METER_IS_DELETED'
  | 'MISSING_CREDIT_ENTITLEMENT_IDS'
  | 'MISSING_ENTITLEMENT_IDS'
  | 'DUPLICATE_CREDIT_ENTITLEMENT_IDS_IN_REQUEST'
  | 'DUPLICATE_ENTITLEMENT_IDS_IN_REQUEST'
  | 'CREDIT_ENTITLEMENT_IS_DELETED'
  | 'CREDIT_ENTITLEMENT_ALREADY_DELETED'
  | 'CREDIT_ENTITLEMENT_NOT_ATTACHED'
  | 'UNABLE_TO_EDIT_PRIMARY_BRAND'
  | 'UNABLE_TO_ARCHIVE_PRIMARY_BRAND'
  | 'BRAND_IS_ARCHIVED'
  | 'BRAND_ALREADY_ARCHIVED'
  | 'MOVE_PRODUCTS_TO_REQUIRED'
  | 'INVALID_MOVE_PRODUCTS_TO'
  | 'PRODUCT_COLLECTION_IS_DELETED'
  | 'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS'
  | 'PRODUCT_ALREADY_IN_COLLECTION'
  | 'PRODUCT_IS_ARCHIVED'
  | 'MISSING_PRODUCT_IDS'
  | 'DUPLICATE_PRODUCT_IDS_IN_REQUEST'
  | 'DUPLICATE_GROUP_NAME'
  | 'BRAND_MISMATCH'
  | 'SIGNED_URL_INVALID'
  | 'SIGNED_URL_EXPIRED'
  | 'IMAGE_NOT_UPLOADED'
  | 'INVALID_IMAGE'
  | 'MISSING_FILE_IDS'
  | 'FILE_TOO_LARGE'
  | 'SLUG_ALREADY_TAKEN'
  | 'PRODUCT_PRICING_MODE_REQUIRED'
  | 'LOCALIZED_PRICE_ALREADY_EXISTS'
  | 'LOCALIZED_PRICE_DUPLICATES_BASE'
  | 'LOCALIZED_PRICE_SHAPE_MISMATCH'
  | 'TOO_MANY_REQUESTS'
  | 'READ_ONLY_API_KEY'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'DATABASE_UNAVAILABLE'
  | 'TEST_MODE_ONLY'
  | 'INTERNAL_SERVER_ERROR';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHORIZED':
      return 401;
    case 'UNABLE_TO_EDIT_PRIMARY_BRAND':
    case 'UNABLE_TO_ARCHIVE_PRIMARY_BRAND':
    // A signed upload or download URL that was altered or has expired, as S3 answers both.
    case 'SIGNED_URL_INVALID':
    case 'SIGNED_URL_EXPIRED':
    case 'READ_ONLY_API_KEY':
    // Resetting a catalog and injecting faults: a live key must never be able to break live mode.
    case 'TEST_MODE_ONLY':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BRAND_ALREADY_ARCHIVED':
    case 'SLUG_ALREADY_TAKEN':
    case 'LOCALIZED_PRICE_ALREADY_EXISTS':
    case 'IDEMPOTENCY_KEY_IN_USE':
      return 409;
    case 'PRODUCT_IS_DELETED':
    case 'PRODUCT_COLLECTION_IS_DELETED':
    case 'CREDIT_ENTITLEMENT_ALREADY_DELETED':
      return 410;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'URI_TOO_LONG':
      return 414;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'MALFORMED_JSON':
    case 'BAD_REQUEST':
      return 400;
    case 'INVALID_REQUEST_BODY':
    case 'INVALID_QUERY_PARAMS':
    case 'INVALID_REQUEST_PARAMETERS':
    case 'PRICING_MODEL_IMMUTABLE':
    case 'INVALID_PERCENTAGE':
    case 'INVALID_SUGGESTED_PRICE':
    case 'PAY_WHAT_YOU_WANT_NOT_SUPPORTED':
    case 'MAXIMUM_KEYS_REACHED':
    case 'BRAND_NOT_ENABLED':
    case 'BRAND_NOT_FOUND':
    case 'MISSING_ADDON_IDS':
    case 'DUPLICATE_ADDON_IDS_IN_REQUEST':
    case 'ADDONS_IN_USAGE_BASED_BILLING_NOT_SUPPORTED':
    case 'MISSING_METER_IDS':
    case 'DUPLICATE_METER_IDS_IN_REQUEST':
    case 'METER_IS_DELETED':
    case 'MISSING_CREDIT_ENTITLEMENT_IDS':
    case 'MISSING_ENTITLEMENT_IDS':
    case 'IMAGE_NOT_UPLOADED':
    case 'INVALID_IMAGE':
    case 'MISSING_FILE_IDS':
    case 'FILE_TOO_LARGE':
    case 'PRODUCT_PRICING_MODE_REQUIRED':
    case 'LOCALIZED_PRICE_DUPLICATES_BASE':
    case 'LOCALIZED_PRICE_SHAPE_MISMATCH':
    case 'DUPLICATE_CREDIT_ENTITLEMENT_IDS_IN_REQUEST':
    case 'DUPLICATE_ENTITLEMENT_IDS_IN_REQUEST':
    case 'CREDIT_ENTITLEMENT_IS_DELETED':
    case 'CREDIT_ENTITLEMENT_NOT_ATTACHED':
    case 'BRAND_IS_ARCHIVED':
    case 'MOVE_PRODUCTS_TO_REQUIRED':
    case 'INVALID_MOVE_PRODUCTS_TO':
    case 'PRODUCT_COLLECTION_MUST_HAVE_PRODUCTS':
    case 'PRODUCT_ALREADY_IN_COLLECTION':
    case 'PRODUCT_IS_ARCHIVED':
    case 'MISSING_PRODUCT_IDS':
    case 'DUPLICATE_PRODUCT_IDS_IN_REQUEST':
    case 'DUPLICATE_GROUP_NAME':
    case 'BRAND_MISMATCH':
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'INTERNAL_SERVER_ERROR':
      return 500;
    case 'DATABASE_UNAVAILABLE':
      return 503;
  }
}

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusOf(code);
  }
}

/** A rule of the catalogue was broken: 422 with the rule's own code. */
export function invalid(code: ErrorCode, message: string): ApiError {
  return new ApiError(code, message);
}

export function notFound(resource: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `${resource} ${id} not found`);
}

export function unauthorized(): ApiError {
  return new ApiError('UNAUTHORIZED', 'You are not authorised to perform this action');
}
