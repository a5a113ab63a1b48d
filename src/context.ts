import type { Database } from './db/database.ts';
import type { Mode } from './db/schema.ts';
import type { Urls } from './lib/urls.ts';

/** Whose data a request may see: one business, in one mode. Every query is filtered by both. */
export interface Scope {
  businessId: string;
  mode: Mode;
}

/** What every service call gets: the database, the caller's scope, and how to build public URLs. */
export interface Context {
  database: Database;
  scope: Scope;
  urls: Urls;
}
