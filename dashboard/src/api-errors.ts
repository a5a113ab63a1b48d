import { APIError } from 'dodopayments';

export interface ApiProblem {
  status?: number;
  code: string;
  message: string;
}

/** The API's own `{code, message}` from an SDK error; anything else (network, bugs) keeps its message. */
export function problemOf(error: unknown): ApiProblem {
  if (error instanceof APIError) {
    const body = error.error as { code?: unknown; message?: unknown } | undefined;
    return {
      status: error.status,
      code: typeof body?.code === 'string' ? body.code : `HTTP_${error.status ?? 'ERROR'}`,
      message: typeof body?.message === 'string' ? body.message : error.message,
    };
  }
  return { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The form fields a problem names. Validation messages name them as paths (`body/price/price must be >= 0`),
 * which become dotted field names (`price.price`); each field gets the parts of the message about it.
 */
export function fieldProblems(problem: ApiProblem): Map<string, string> {
  const byField = new Map<string, string>();
  for (const part of problem.message.split('; ')) {
    const path = /\bbody\/([\w/]+)/.exec(part)?.[1];
    if (!path) continue;
    const field = path.replaceAll('/', '.');
    byField.set(field, byField.has(field) ? `${byField.get(field)}; ${part}` : part);
  }
  return byField;
}
