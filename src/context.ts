import type { UrlSigner } from './blobs/signing.ts';
import type { BlobStore } from './blobs/store.ts';
import type { Database } from './db/database.ts';
import type { Mode } from './db/schema.ts';
import type { Urls } from './lib/urls.ts';

/** Whose data a request may see: one business, in one mode. Every query is filtered by both. */
export interface Scope {
  businessId: string;
  mode: Mode;
}

/** One string per business and mode, for maps kept in memory per scope (fault rules, the request log). */
export const scopeKey = (scope: Scope): string => `${scope.businessId}:${scope.mode}`;

/** What the server holds for every request: the database, the blob store, and how to build and check URLs. */
export interface Services {
  database: Database;
  urls: Urls;
  blobs: BlobStore;
  signer: UrlSigner;
}

/** What every service call gets: the shared services and the caller's scope. */
export interface Context extends Services {
  scope: Scope;
  /** The caller's key may only read (`pricebook keys create --read-only`). */
  readOnly: boolean;
}
