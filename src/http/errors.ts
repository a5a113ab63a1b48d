import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { CommitOutcomeUnknown, isConnectionLost } from '../db/connection-errors.ts';
import { ApiError, type ErrorCode, statusOf } from '../errors.ts';

const PART_CODES: Record<string, ErrorCode> = {
  body: 'INVALID_REQUEST_BODY',
  querystring: 'INVALID_QUERY_PARAMS',
  params: 'INVALID_REQUEST_PARAMETERS',
};

/** Fastify's own client errors, by their code, mapped onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

/** One line per failing field, with its path: `body/price/price must be integer`. */
export function describeValidation(part: string, errors: FastifySchemaValidationError[]): string {
  const lines = errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const field = `${part}${e.instancePath}`;
      if (e.keyword === 'required' && e.params.missingProperty !== undefined) {
        return `${field}/${String(e.params.missingProperty)} is required`;
      }
      if (e.keyword === 'enum') {
        const allowed = e.params.allowedValues as unknown[];
        const shown = allowed.slice(0, 8).join(', ') + (allowed.length > 8 ? ', …' : '');
        return `${field} must be one of ${shown}`;
      }
      return `${field} ${e.message ?? 'is invalid'}`;
    });
  return [...new Set(lines)].join('; ');
}

export function toApiError(error: FastifyError): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof CommitOutcomeUnknown) {
    return new ApiError(
      'DATABASE_UNAVAILABLE',
      'The database connection was lost while committing: the change may have been made. Read it before sending the request again',
    );
  }
  if (isConnectionLost(error)) {
    return new ApiError('DATABASE_UNAVAILABLE', 'The database connection was lost; the request can be sent again');
  }
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    return new ApiError(PART_CODES[part] ?? 'INVALID_REQUEST_BODY', describeValidation(part, error.validation));
  }
  const code = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (code) return new ApiError(code, error.message);
  if (error instanceof SyntaxError) return new ApiError('MALFORMED_JSON', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('BAD_REQUEST', error.message);
  }
  return undefined;
}

/** Every failure leaves as `{code, message}` with the status the catalogue names; nothing else escapes. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError) {
      // The official SDKs retry on this header, which is what a lost database connection needs; not when the
      // change may have been committed, where a retry without Idempotency-Key could make it twice.
      if (apiError.status === 503) reply.header('x-should-retry', String(!(error instanceof CommitOutcomeUnknown)));
      return reply.code(apiError.status).send({ code: apiError.code, message: apiError.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(statusOf('INTERNAL_SERVER_ERROR'))
      .send({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
}
