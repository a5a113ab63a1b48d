// Every error Pricebook answers is `{"code", "message"}` (README, Errors), whatever the status and whether
// or not the official spec documents that status for the operation. The spec says nothing about most error
// bodies, so this check does not depend on it: it runs even where the spec file is missing.

/** Why `body` is not an error body, or undefined when it is one. */
export function errorBodyProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return `an error body must be a {code, message} object, got ${JSON.stringify(body)}`;
  }
  const keys = Object.keys(body).sort();
  const { code, message } = body as Record<string, unknown>;
  if (keys.join() !== 'code,message' || typeof code !== 'string' || typeof message !== 'string' || !code) {
    return `an error body must be exactly {code: string, message: string}, got ${JSON.stringify(body)}`;
  }
  return undefined;
}
