import assert from 'node:assert/strict';
import DodoPayments from 'dodopayments';
import { errorBodyProblem } from './error-body.ts';

/**
 * Awaits an SDK call that must fail, and returns the HTTP status and the error code of the answer. The
 * body the SDK caught must be an error body, `{code, message}`.
 */
export async function failure(call: Promise<unknown>): Promise<{ status: number | undefined; code: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof DodoPayments.APIError)) throw error;
    const problem = errorBodyProblem(error.error);
    assert.equal(problem, undefined, `${error.status}: ${problem}`);
    return { status: error.status, code: (error.error as { code: string }).code };
  }
  assert.fail('the call succeeded');
}
