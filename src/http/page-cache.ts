import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';

/** What a cached route produces: the body, and whether it may be kept (signed URLs expire, so not those). */
export interface Keepable<Body> {
  body: Body;
  keep: boolean;
  /** The keys of what the page shows: a transaction that names one of them (Tx.changed) drops the page. */
  dependsOn: readonly string[];
}

/**
 * A page of a list (`{ items: [...] }`). Where pages are kept it is produced in two parts that change apart: which
 * ids it shows, and each item; a write to one item then costs the page's next reader that item alone, not the whole
 * page from SQL. Where nothing is kept it is read whole, in one statement.
 */
export interface ListPage<Item> {
  whole(): Promise<Item[]>;
  ids(): Promise<Keepable<readonly string[]>>;
  /** The items of these ids that the page still admits (a write may have come between the two reads). */
  items(ids: readonly string[]): Promise<ReadonlyMap<string, Keepable<Item>>>;
}

/** The cache's bound: the lengths of all kept pages and their keys together. */
const MAX_BYTES = 8 * 1024 * 1024;
/** Pages longer than this are kept as bytes, shorter ones as text (see pageCache). */
const BYTES_FROM = 16 * 1024;

/**
 * The same text in one piece. A serializer's output is a tree of the pieces it was appended from (V8's cons
 * strings), and a kept item was joined into a page from that tree on every join: a list of 20 took 34 µs to join
 * where flat texts take 2 (bench/RESULTS.md). V8 flattens a string in place to read it as a number.
 */
function flattened(text: string): string {
  Number(text);
  return text;
}

interface Kept {
  page: string | Buffer;
  dependsOn: readonly string[];
}

/**
 * Serialized answers of read-only routes, kept while what they show is unchanged: on SQLite, reading the rows,
 * building the items and serializing 100 products was most of a list page's CPU (bench/RESULTS.md), and lists
 * are read far more often than written. Before each answer the database's change counter is read (one read of
 * the wal-index header, db/wal-changes.ts): a commit since that did not say what it changed, by this process or
 * another, drops every kept page. A transaction of this process that said what it changed (Tx.changed) drops the
 * pages that depend on it, once it has committed and before its caller is answered. Either way an answer never
 * predates a write acknowledged before its request. Where the store has no such counter (PostgreSQL, an in-memory
 * database) nothing is kept. Keys include the caller's scope and the URL with its query.
 *
 * Long pages are kept as their UTF-8 bytes. Kept as text, every answer was encoded again, after Node had copied
 * the page and its headers into one new string: a list of 100 cost 94 µs of CPU per answer, against 60 as bytes.
 * A short page costs less as text, which Node sends with its headers in one write: a product as bytes took 5 µs
 * more per answer.
 */
function pageCache(database: Pick<Database, 'dataVersion' | 'onChanged'>) {
  const pages = new Map<string, Kept>();
  // For each key a page depends on, the pages that do.
  const dependents = new Map<string, Set<string>>();
  let bytes = 0;
  let version: number | undefined;
  // Moves with every drop: a page produced while one happened may have been read before it, and is not kept.
  let drops = 0;

  const forget = (key: string, kept: Kept) => {
    pages.delete(key);
    bytes -= key.length + kept.page.length;
    for (const on of kept.dependsOn) {
      const others = dependents.get(on);
      others?.delete(key);
      if (others?.size === 0) dependents.delete(on);
    }
  };

  const keep = (key: string, kept: Kept) => {
    const size = key.length + kept.page.length;
    if (size > MAX_BYTES) return;
    // Requests that missed the same page together each produced it: the last one replaces the others' copy.
    const replaced = pages.get(key);
    if (replaced !== undefined) forget(key, replaced);
    // Oldest first: a Map iterates in insertion order.
    for (const [oldest, old] of pages) {
      if (bytes + size <= MAX_BYTES) break;
      forget(oldest, old);
    }
    pages.set(key, kept);
    bytes += size;
    for (const on of kept.dependsOn) {
      const others = dependents.get(on);
      if (others === undefined) dependents.set(on, new Set([key]));
      else others.add(key);
    }
  };

  const dropDependents = (keys: ReadonlySet<string>) => {
    drops += 1;
    for (const on of keys) {
      for (const key of dependents.get(on) ?? []) forget(key, pages.get(key)!);
    }
  };

  /** The prefix of the caller's keys, or undefined when nothing is kept; drops every page a foreign commit made stale. */
  const scopeOf = (request: FastifyRequest): string | undefined => {
    const current = database.dataVersion?.();
    if (current === undefined) return undefined;
    if (current !== version) {
      pages.clear();
      dependents.clear();
      bytes = 0;
      version = current;
      drops += 1;
    }
    const { businessId, mode } = request.ctx.scope;
    return `${businessId}\u0000${mode}\u0000`;
  };

  /** Keeps what was produced, unless it may not be kept or a drop since `before` may have made it stale. */
  const keepIf = (before: number, key: string, text: string, produced: Omit<Keepable<unknown>, 'body'>) => {
    if (!produced.keep || drops !== before) return text;
    const page = text.length > BYTES_FROM ? Buffer.from(text) : flattened(text);
    keep(key, { page, dependsOn: produced.dependsOn });
    return page;
  };

  const answer = (reply: FastifyReply, page: string | Buffer) =>
    reply.type('application/json; charset=utf-8').send(page);

  async function send<Body>(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: () => Promise<Keepable<Body>>,
  ): Promise<Body | FastifyReply> {
    const scope = scopeOf(request);
    if (scope === undefined) return (await produce()).body;
    const key = scope + request.url;
    const kept = pages.get(key)?.page;
    if (kept !== undefined) return answer(reply, kept);
    const before = drops;
    const produced = await produce();
    // The route's own serializer, so a kept page is byte for byte what the schema would have written.
    return answer(reply, keepIf(before, key, reply.serialize(produced.body) as string, produced));
  }

  /**
   * Answers a list page whole if it is kept, or else from its parts, producing only those not kept: its ids (kept
   * by URL) and each item (kept by route and id, written by `itemSchema`'s serializer as the route's would write it
   * inside the list). Without a change counter the page is read whole and nothing is kept.
   */
  async function sendList<Item>(
    request: FastifyRequest,
    reply: FastifyReply,
    itemSchema: TSchema,
    list: ListPage<Item>,
  ): Promise<FastifyReply> {
    const serializer = reply.compileSerializationSchema(itemSchema);
    const serialize = (item: Item) => serializer(item as Record<string, unknown>);
    const listOf = (texts: string[]) => `{"items":[${texts.join(',')}]}`;
    const scope = scopeOf(request);
    if (scope === undefined) return answer(reply, listOf((await list.whole()).map(serialize)));
    const kept = (key: string) => pages.get(scope + key);
    const whole = kept(request.url);
    if (whole !== undefined) return answer(reply, whole.page);
    const before = drops;

    const idsKey = `ids\u0000${request.url}`;
    const keptIds = kept(idsKey);
    const ids = keptIds
      ? { body: JSON.parse(keptIds.page.toString()) as string[], keep: true, dependsOn: keptIds.dependsOn }
      : await list.ids();
    if (!keptIds) keepIf(before, scope + idsKey, JSON.stringify(ids.body), ids);

    // Read once: Fastify builds a new routeOptions object on every read.
    const route = request.routeOptions.url;
    const itemKey = (id: string) => `${route}\u0000${id}`;
    const parts = ids.body.map((id) => kept(itemKey(id)));
    const missing = ids.body.filter((_, i) => parts[i] === undefined);
    const produced = missing.length === 0 ? new Map<string, Keepable<Item>>() : await list.items(missing);
    let keepPage = ids.keep;
    const dependsOn = new Set(ids.dependsOn);
    const texts: string[] = [];
    ids.body.forEach((id, i) => {
      let part = parts[i];
      if (part === undefined) {
        const item = produced.get(id);
        // A write between the two reads took it off the list: the page is answered without it, and not kept.
        if (item === undefined) {
          keepPage = false;
          return;
        }
        part = { page: keepIf(before, scope + itemKey(id), serialize(item.body), item), dependsOn: item.dependsOn };
        keepPage &&= item.keep;
      }
      texts.push(part.page.toString());
      for (const on of part.dependsOn) dependsOn.add(on);
    });
    return answer(
      reply,
      keepIf(before, scope + request.url, listOf(texts), { keep: keepPage, dependsOn: [...dependsOn] }),
    );
  }

  return { send, sendList, dropDependents };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers a read-only route from the kept pages, or produces, answers and keeps the page (see pageCache). */
    keptPages: ReturnType<typeof pageCache>['send'];
    /** The same for a list page, from its kept ids and items (see ListPage). */
    keptList: ReturnType<typeof pageCache>['sendList'];
  }
}

/** One cache for every route under `app`, over `database`'s changes. */
export function keepPages(app: FastifyInstance, database: Pick<Database, 'dataVersion' | 'onChanged'>): void {
  const cache = pageCache(database);
  const stopListening = database.onChanged?.(cache.dropDependents);
  if (stopListening) app.addHook('onClose', async () => stopListening());
  app.decorate('keptPages', cache.send);
  app.decorate('keptList', cache.sendList);
}
