// The only place that reads process.env.

export interface Config {
  port: number;
  host: string;
  /** `file:<path>` (SQLite, the default) or `postgres://…`. */
  databaseUrl: string;
  logLevel: string;
  /** Base URL that clients reach this server at; used in the examples printed at first start. */
  publicUrl: string;
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
    publicUrl: env.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  };
}
