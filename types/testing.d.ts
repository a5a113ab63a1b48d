// Types of `pricebook/testing`, for projects that install Pricebook. test/devtools/testing.test.ts checks that
// src/testing.ts satisfies them.

/** What `POST /_pricebook/faults` and `faults.add()` take. At least one of status, latency_ms, drop_connection. */
export interface FaultRuleInput {
  /** HTTP method to match; `*` (the default) matches any. */
  method?: string;
  /** Path to match: `*` or `:name` stands for one segment, `**` for the rest (`/products/*`). */
  path?: string;
  /** operationId to match, as /openapi.json names it (`createProduct`). */
  operation?: string;
  /** Chance, from 0 to 1, that a matching request is faulted; 1 by default. */
  probability?: number;
  /** Fault only the next N matching requests; unlimited by default. */
  times?: number;
  /** Answer with this status (400 to 599) and a `{ code, message }` body. */
  status?: number;
  code?: string;
  message?: string;
  /** Wait this long, in milliseconds, before answering (at most 60 000). */
  latency_ms?: number;
  /** Close the connection without an answer. */
  drop_connection?: boolean;
  /** Send `retry-after` (seconds) with the status. */
  retry_after?: number;
  /** Send `retry-after-ms` with the status. */
  retry_after_ms?: number;
  /** Send `x-should-retry: true|false` with the status. */
  should_retry?: boolean;
}

export interface FaultRule extends FaultRuleInput {
  /** Sent as `x-pricebook-fault` on every response the rule faults. */
  id: string;
  /** What is left of `times`; null when unlimited. */
  remaining: number | null;
  /** How many requests the rule has faulted. */
  fired: number;
  created_at: string;
}

/** One entry of the request log, as `GET /_pricebook/requests` answers it. */
export interface LoggedRequest {
  id: string;
  request_id: string;
  method: string;
  path: string;
  /** The query string without `?`; empty when there is none. */
  query: string;
  /** 0 when a fault rule dropped the connection. */
  status: number;
  duration_ms: number;
  started_at: string;
  /** Cut to 4 KiB. */
  request_body: string | null;
  response_body: string | null;
}

/** What an apply did: the counts of changes made, and the plan it followed. */
export interface ApplyReport {
  created: number;
  updated: number;
  archived: number;
  plan: { changes: Array<{ action: 'create' | 'update' | 'recreate' | 'archive'; kind: string; key: string }> };
}

export interface StartOptions {
  /** `file:<path>` or `postgres://…`; an in-memory SQLite database, gone at close(), unless given. */
  databaseUrl?: string;
  /** Fastify's logger: `true`, or options such as `{ level: 'debug' }`; silent unless given. */
  logger?: boolean | { level?: string };
}

export interface Pricebook {
  /** Where the server listens: `http://127.0.0.1:<free port>`. */
  url: string;
  businessId: string;
  testKey: string;
  liveKey: string;
  /** Empties the business's test-mode catalog and removes its fault rules; the keys and the business stay. */
  reset(): Promise<void>;
  /**
   * Applies a catalog file (YAML or JSON, see docs/catalog-files.md) to the business's test mode, through the
   * API as `pricebook apply` does; throws, naming each object that failed, if any change failed.
   */
  apply(catalogFile: string): Promise<ApplyReport>;
  /** Fault rules for the business's test mode. */
  faults: {
    add(rule: FaultRuleInput): FaultRule;
    list(): FaultRule[];
    remove(id: string): FaultRule | undefined;
    clear(): number;
  };
  /** The business's recent test-mode requests, newest first (50 unless given, at most 2000). */
  requests(limit?: number): LoggedRequest[];
  /** Stops the server and closes the database; nothing is left open or on disk. */
  close(): Promise<void>;
}

/** Starts Pricebook in this process on a free loopback port, with a business and a test and a live key. */
export function startPricebook(options?: StartOptions): Promise<Pricebook>;
