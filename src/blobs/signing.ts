import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';

/** The query parameters a signed URL carries. `expires` is in seconds since the epoch. */
export interface Signature {
  expires: string;
  signature: string;
}

/** Signs Pricebook's own upload and download URLs, which the filesystem store relies on. */
export interface UrlSigner {
  /** What lets `path` be used for `expiresIn` seconds from now. */
  sign(path: string, expiresIn: number): Signature;
  /** Throws 403 unless `query` signs `path` and has not expired. */
  check(path: string, query: Partial<Signature>): void;
}

export function createSigner(secret: string, clock: Clock): UrlSigner {
  const mac = (path: string, expires: string) =>
    createHmac('sha256', secret).update(`${path}\n${expires}`).digest('base64url');

  return {
    sign(path, expiresIn) {
      const expires = String(Math.floor(clock() / 1000) + expiresIn);
      return { expires, signature: mac(path, expires) };
    },
    check(path, { expires, signature }) {
      const expected = Buffer.from(mac(path, expires ?? ''));
      const given = Buffer.from(signature ?? '');
      if (!expires || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(
          'SIGNED_URL_INVALID',
          'the URL signature does not match: the URL was altered or is incomplete',
        );
      }
      // Checked after the signature, so that an altered expiry reads as altered, not as expired.
      if (Number(expires) * 1000 <= clock()) {
        throw new ApiError('SIGNED_URL_EXPIRED', 'the URL has expired: ask for a new one');
      }
    },
  };
}
