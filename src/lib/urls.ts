import type { UrlSigner } from '../blobs/signing.ts';
import type { Mode } from '../db/schema.ts';

/** Paths of the routes that need no API key; the URLs below and the routes that check signatures share them. */
export const PUBLIC_PATHS = {
  image: (imageId: string) => `/images/${imageId}`,
  upload: (uploadId: string) => `/uploads/${uploadId}`,
  file: (fileId: string) => `/files/${fileId}`,
  shortLink: (mode: Mode, businessId: string, slug: string) => `/l/${mode}/${businessId}/${slug}`,
};

/** Builds the public URLs that responses carry, from the address clients reach this server at. */
export interface Urls {
  image(imageId: string): string;
  /** Where Pricebook accepts the bytes of an upload, signed to expire in `expiresIn` seconds. */
  upload(uploadId: string, expiresIn: number): string;
  /** Where Pricebook serves a file, signed to expire in `expiresIn` seconds. */
  file(fileId: string, expiresIn: number): string;
  shortLink(mode: Mode, businessId: string, slug: string): string;
}

/** `publicUrl` may be a function when the address is known only once the server listens (tests on port 0). */
export function urlsFor(publicUrl: string | (() => string), signer: UrlSigner): Urls {
  const base = () => (typeof publicUrl === 'string' ? publicUrl : publicUrl()).replace(/\/+$/, '');
  const signed = (path: string, expiresIn: number) => {
    const { expires, signature } = signer.sign(path, expiresIn);
    return `${base()}${path}?${new URLSearchParams({ expires, signature })}`;
  };
  return {
    image: (imageId) => `${base()}${PUBLIC_PATHS.image(imageId)}`,
    upload: (uploadId, expiresIn) => signed(PUBLIC_PATHS.upload(uploadId), expiresIn),
    file: (fileId, expiresIn) => signed(PUBLIC_PATHS.file(fileId), expiresIn),
    shortLink: (mode, businessId, slug) => `${base()}${PUBLIC_PATHS.shortLink(mode, businessId, slug)}`,
  };
}
