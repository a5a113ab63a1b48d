import assert from 'node:assert/strict';
import DodoPayments from 'dodopayments';

/** Awaits an SDK call that must fail, and returns the HTTP status and the error code of the answer. */
export async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; code: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof DodoPayments.APIError)) throw error;
    return { status: error.status, code: (error.error as { code?: string } | undefined)?.code ?? '' };
  }
  assert.fail('the call succeeded');
}
