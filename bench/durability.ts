// Every acknowledged write survives SIGKILL: 32 writers PATCH products (and collection items when served)
// as fast as the server takes them, the server is killed mid-load, restarted on the same database, and
// every product and item is read back. See bench/README.md.
import { runMain } from './lib/children.ts';
import type { Fixture } from './lib/fixture.ts';
import { fmt, machineLine, numberArg, parseArgs, table } from './lib/report.ts';
import { call } from './lib/seed-http.ts';
import { makeTarget } from './lib/targets.ts';

interface Write {
  kind: 'product' | 'item';
  /** Product id, or `collection/group/item`. */
  id: string;
  value: string | boolean;
}

/** What one writer knows: the last value the server acknowledged per id, and the write it had in flight. */
interface Ledger {
  acknowledged: Map<string, Write>;
  inFlight?: Write;
  count: number;
}

interface CollectionView {
  groups: { group_id: string; products: { id: string; status: boolean }[] }[];
}

function writesFor(fixture: Fixture, writer: number, writers: number): (() => Write)[] {
  const mine: (() => Write)[] = [];
  let n = 0;
  fixture.productIds.forEach((id, i) => {
    if (i % writers === writer) mine.push(() => ({ kind: 'product', id, value: `writer ${writer} write ${n++}` }));
  });
  const items = fixture.collections.flatMap((c) =>
    c.groups.flatMap((g) => g.itemIds.map((item) => `${c.id}/${g.id}/${item}`)),
  );
  let flip = false;
  items.forEach((id, i) => {
    if (i % writers === writer) {
      mine.push(() => {
        flip = !flip;
        return { kind: 'item', id, value: flip };
      });
    }
  });
  return mine;
}

async function send(url: string, fixture: Fixture, write: Write): Promise<boolean> {
  const [collection, group, item] = write.id.split('/');
  const path =
    write.kind === 'product'
      ? `/products/${write.id}`
      : `/product-collections/${collection}/groups/${group}/items/${item}`;
  const body = write.kind === 'product' ? { description: write.value } : { status: write.value };
  const response = await fetch(`${url}${path}`, {
    method: 'PATCH',
    headers: { ...fixture.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return response.ok;
}

async function writer(url: string, fixture: Fixture, next: (() => Write)[], stop: () => boolean): Promise<Ledger> {
  const ledger: Ledger = { acknowledged: new Map(), count: 0 };
  for (let i = 0; !stop() && next.length > 0; i++) {
    const write = next[i % next.length]!();
    ledger.inFlight = write;
    try {
      if (!(await send(url, fixture, write))) throw new Error(`PATCH ${write.id} was refused`);
    } catch (error) {
      if (stop()) return ledger; // killed: the write in flight was never acknowledged
      throw error;
    }
    ledger.acknowledged.set(write.id, write);
    ledger.inFlight = undefined;
    ledger.count++;
  }
  return ledger;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const store = args.store === 'postgres' ? 'postgres' : 'sqlite';
  const writers = numberArg(args, 'writers', 32);
  const seconds = numberArg(args, 'seconds', 5);
  const machine = machineLine();
  process.stderr.write(`${machine}\n`);

  const target = makeTarget(store);
  try {
    const { fixture } = await target.prepare(true);
    const server = await target.start();
    let killed = false;
    const ledgers = Array.from({ length: writers }, (_, w) =>
      writer(server.url, fixture, writesFor(fixture, w, writers), () => killed),
    );
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    killed = true;
    await server.stop('SIGKILL');
    const done = await Promise.all(ledgers);

    const restarted = await target.start();
    let checked = 0;
    const lost: string[] = [];
    const key = fixture.headers.Authorization!.replace(/^Bearer /, '');
    const items = new Map<string, boolean>();
    for (const c of fixture.collections) {
      const view = await call<CollectionView>(restarted.url, key, 'GET', `/product-collections/${c.id}`);
      for (const g of view.groups) for (const p of g.products) items.set(`${c.id}/${g.group_id}/${p.id}`, p.status);
    }
    for (const ledger of done) {
      for (const write of ledger.acknowledged.values()) {
        const stored =
          write.kind === 'product'
            ? (await call<{ description: string }>(restarted.url, key, 'GET', `/products/${write.id}`)).description
            : items.get(write.id);
        checked++;
        // The write in flight at the kill may have committed after the last acknowledged one: either is right.
        const inFlight = ledger.inFlight?.id === write.id ? ledger.inFlight.value : undefined;
        if (stored !== write.value && stored !== inFlight)
          lost.push(`${write.kind} ${write.id}: ${stored} ≠ ${write.value}`);
      }
    }
    await restarted.stop();

    const acknowledged = done.reduce((n, l) => n + l.count, 0);
    const rows = [
      [
        store,
        fmt(writers),
        fmt(acknowledged),
        fmt(acknowledged / seconds),
        fmt(checked),
        fmt(lost.length),
        fixture.collections.length > 0 ? 'products and items' : 'products',
      ],
    ];
    process.stdout.write(
      `${machine}; SIGKILL after ${seconds} s of writes\n\n${table(['store', 'writers:', 'acknowledged writes:', 'writes/s:', 'rows checked:', 'lost:', 'written'], rows)}\n`,
    );
    if (lost.length > 0) throw new Error(`acknowledged writes lost:\n${lost.slice(0, 20).join('\n')}`);
  } finally {
    await target.dispose();
  }
}

await runMain(main);
