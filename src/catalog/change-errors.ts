import DodoPayments from 'dodopayments';
import type { Kind } from './schema.ts';

// What a failed change of a catalog run is, as the runner records it and the CLI, PRICEBOOK_SEED and
// pricebook/testing report it.

export interface ChangeError {
  kind: Kind;
  key: string;
  status?: number;
  code?: string;
  message: string;
}

/** One line for one failed change: the object's key and what the target answered. */
export function describeChangeError(e: ChangeError): string {
  return `  ${e.kind} "${e.key}": ${[e.status, e.code, e.message].filter(Boolean).join(' ')}`;
}

export function errorOf(kind: Kind, key: string, error: unknown): ChangeError {
  if (error instanceof DodoPayments.APIError) {
    const body = (error.error ?? {}) as { code?: string; message?: string };
    return { kind, key, status: error.status, code: body.code, message: body.message ?? error.message };
  }
  return { kind, key, message: error instanceof Error ? error.message : String(error) };
}

/** A failure another run may get past: the target was busy, failing, or out of reach. */
export function isTransient(error: ChangeError): boolean {
  return error.status === undefined || error.status === 429 || error.status >= 500;
}
