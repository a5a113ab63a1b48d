import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggedRequest } from '../devtools/request-log.ts';

export interface TailOptions {
  url: string;
  key: string;
  limit: number;
  /** Keep asking, printing requests not seen yet, until the process is stopped. */
  follow: boolean;
}

const POLL_MS = 1000;

async function fetchRequests(options: TailOptions, limit: number): Promise<LoggedRequest[]> {
  const response = await fetch(new URL(`/_pricebook/requests?limit=${limit}`, options.url), {
    headers: { authorization: `Bearer ${options.key}` },
  });
  const body = (await response.json().catch(() => ({}))) as { items?: LoggedRequest[]; message?: string };
  if (!response.ok || !body.items) throw new Error(`${options.url} answered ${response.status}: ${body.message ?? ''}`);
  return body.items;
}

/** Prints the server's recent requests, one JSON line each, oldest first; with `follow`, then the new ones. */
export async function tailRequests(options: TailOptions): Promise<void> {
  let last = 0;
  let limit = options.limit;
  for (;;) {
    const fresh = (await fetchRequests(options, limit)).filter((r) => Number(r.id) > last).reverse();
    for (const request of fresh) process.stdout.write(`${JSON.stringify(request)}\n`);
    last = Math.max(last, ...fresh.map((r) => Number(r.id)));
    if (!options.follow) return;
    // Every request since the last poll, as far as the log goes.
    limit = 500;
    await sleep(POLL_MS);
  }
}
