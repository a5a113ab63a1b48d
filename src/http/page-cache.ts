import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What a cached route produces: the body, and whether it may be kept (signed URLs expire, so not those). */
export interface Keepable<Body> {
  body: Body;
  keep: boolean;
}

/** The cache's bound: the lengths of all kept pages together. */
const MAX_BYTES = 8 * 1024 * 1024;
/** Pages longer than this are kept as bytes, shorter ones as text (see pageCache). */
const BYTES_FROM = 16 * 1024;

/**
 * Serialized answers of read-only routes, kept while the database is unchanged: on SQLite, reading the rows,
 * building the items and serializing 100 products was most of a list page's CPU (bench/RESULTS.md), and lists
 * are read far more often than written. Before each answer the database's change counter is read (one read of
 * the wal-index header, db/wal-changes.ts): any commit since, by this process or another, drops every kept page,
 * so an answer never predates a write acknowledged before its request. Where the store has no such counter
 * (PostgreSQL, an in-memory database) nothing is kept. Keys include the caller's scope and the URL with its query.
 *
 * Long pages are kept as their UTF-8 bytes. Kept as text, every answer was encoded again, after Node had copied
 * the page and its headers into one new string: a list of 100 cost 94 µs of CPU per answer, against 60 as bytes.
 * A short page costs less as text, which Node sends with its headers in one write: a product as bytes took 5 µs
 * more per answer.
 */
function pageCache() {
  const pages = new Map<string, string | Buffer>();
  let bytes = 0;
  let version: number | undefined;

  const keep = (key: string, page: string | Buffer): string | Buffer => {
    if (page.length > MAX_BYTES) return page;
    // Requests that missed the same page together each produced it: the last one replaces the others' copy.
    const replaced = pages.get(key);
    if (replaced !== undefined) {
      pages.delete(key);
      bytes -= replaced.length;
    }
    // Oldest first: a Map iterates in insertion order.
    for (const [oldest, kept] of pages) {
      if (bytes + page.length <= MAX_BYTES) break;
      pages.delete(oldest);
      bytes -= kept.length;
    }
    pages.set(key, page);
    bytes += page.length;
    return page;
  };

  return async function send<Body>(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: () => Promise<Keepable<Body>>,
  ): Promise<Body | FastifyReply> {
    const current = request.ctx.database.dataVersion?.();
    if (current === undefined) return (await produce()).body;
    if (current !== version) {
      pages.clear();
      bytes = 0;
      version = current;
    }
    const { businessId, mode } = request.ctx.scope;
    const key = `${businessId}\u0000${mode}\u0000${request.url}`;
    let body = pages.get(key);
    if (body === undefined) {
      const page = await produce();
      // The route's own serializer, so a kept page is byte for byte what the schema would have written.
      const text = reply.serialize(page.body) as string;
      // Not kept when another request saw a commit meanwhile: this page may have been read before it.
      if (!page.keep || version !== current) body = text;
      else body = keep(key, text.length > BYTES_FROM ? Buffer.from(text) : text);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers a read-only route from the kept pages, or produces, answers and keeps the page (see pageCache). */
    keptPages: ReturnType<typeof pageCache>;
  }
}

/** One cache for every route under `app`: any commit drops every page, whichever route kept it. */
export function keepPages(app: FastifyInstance): void {
  app.decorate('keptPages', pageCache());
}
