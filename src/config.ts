// The only place that reads process.env.

export interface Config {
  port: number;
  host: string;
  /** `file:<path>` (SQLite, the default) or `postgres://…`. */
  databaseUrl: string;
  logLevel: string;
  /** PostgreSQL connections each process keeps open at most (`PG_POOL_MAX`). */
  poolMax: number;
  /** Base URL that clients reach this server at; used in the examples printed at first start. */
  publicUrl: string;
  /** Folder for files Pricebook keeps itself: uploaded images and files when no S3 bucket is configured. */
  dataDir: string;
  /** Signs upload and download URLs; when unset, one is generated and kept in the database. */
  signingSecret?: string;
  /** S3-compatible storage for uploads; when unset, they live under `dataDir`. */
  s3?: S3Settings;
  /** A catalog file applied to the default business's test mode on the first start (`PRICEBOOK_SEED`). */
  seedFile?: string;
  /** Requests per API key and window; off when `RATE_LIMIT_MAX` is unset or 0. */
  rateLimit?: RateLimitSettings;
  /** Idempotency-Key replays on POST and PATCH: on unless `IDEMPOTENCY` is `off`. */
  idempotency: boolean;
  /** `GET /metrics`: off unless `METRICS` is `on`; `METRICS_TOKEN`, when set, is the bearer token it needs. */
  metrics?: MetricsSettings;
}

export interface RateLimitSettings {
  max: number;
  windowMs: number;
  /** Counts are kept in Redis when set, so every process shares them; in each process's memory otherwise. */
  redisUrl?: string;
  /** Prefixes every Redis key, so that several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
}

export interface MetricsSettings {
  token?: string;
}

export interface S3Settings {
  bucket: string;
  /** For S3-compatible services (MinIO, R2, …); AWS itself needs none. */
  endpoint?: string;
  region: string;
  /** When unset, the AWS SDK's own chain applies (AWS_ACCESS_KEY_ID, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path rather than the host name: what most S3-compatible services need. */
  forcePathStyle: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${env.PORT}`);
  }
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL ?? 'file:./data/pricebook.db',
    logLevel: env.LOG_LEVEL ?? 'info',
    poolMax: positiveInteger(env.PG_POOL_MAX ?? '10', 'PG_POOL_MAX'),
    publicUrl: env.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    dataDir: env.DATA_DIR ?? './data',
    signingSecret: env.SIGNING_SECRET || undefined,
    s3: readS3Settings(env),
    seedFile: env.PRICEBOOK_SEED || undefined,
    rateLimit: readRateLimit(env),
    idempotency: env.IDEMPOTENCY !== 'off',
    metrics: env.METRICS === 'on' || env.METRICS_TOKEN ? { token: env.METRICS_TOKEN || undefined } : undefined,
  };
}

function readRateLimit(env: NodeJS.ProcessEnv): RateLimitSettings | undefined {
  if (!env.RATE_LIMIT_MAX || env.RATE_LIMIT_MAX === '0') return undefined;
  return {
    max: positiveInteger(env.RATE_LIMIT_MAX, 'RATE_LIMIT_MAX'),
    windowMs: positiveInteger(env.RATE_LIMIT_WINDOW ?? '60000', 'RATE_LIMIT_WINDOW'),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'pricebook:',
  };
}

function readS3Settings(env: NodeJS.ProcessEnv): S3Settings | undefined {
  if (!env.S3_BUCKET) return undefined;
  const { S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all');
  }
  return {
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION ?? 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(env.S3_ENDPOINT),
  };
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}
