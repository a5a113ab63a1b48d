// The load table: every target, every mix, interleaved over rounds. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from './lib/children.ts';
import type { Fixture } from './lib/fixture.ts';
import { goalsTable, type Lifecycle, type Sample } from './lib/goals.ts';
import { MIX_NAMES, MIXES, type Mix, type MixName } from './lib/mixes.ts';
import { BENCH_DIR } from './lib/paths.ts';
import { fmt, listArg, machineLine, median, numberArg, parseArgs, table } from './lib/report.ts';
import { settle } from './lib/server.ts';
import { DEFAULT_TARGETS, isPricebook, makeTarget, TARGET_NAMES, type Target, type TargetName } from './lib/targets.ts';
import { type BenchRequest, type LoadSettings, requireWrk, runWrk } from './lib/wrk.ts';

const PREFLIGHT = 25;

/** A few of the mix's requests, one by one: a target that answers them with errors is not worth timing. */
async function preflight(url: string, fixture: Fixture, requests: BenchRequest[], label: string): Promise<void> {
  for (const r of requests.slice(0, PREFLIGHT)) {
    const response = await fetch(`${url}${r.path}`, {
      method: r.method,
      headers: { ...fixture.headers, ...(r.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
    });
    const text = await response.text();
    if (response.status >= 400) {
      throw new Error(`${label}: ${r.method} ${r.path} answered ${response.status} ${text.slice(0, 300)}`);
    }
  }
}

function mixesFor(target: Target, mixes: Mix[], collections: boolean): Mix[] {
  if (target.ceiling) return mixes.filter((m) => m.name === 'get-product');
  return mixes.filter((m) => collections || !m.needsCollections);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rounds = numberArg(args, 'rounds', 3);
  const settings: LoadSettings = {
    durationS: numberArg(args, 'duration', 10),
    connections: numberArg(args, 'connections', 32),
    threads: numberArg(args, 'threads', 2),
  };
  const warmupS = numberArg(args, 'warmup', 1);
  const baselineDir = args.baseline;
  const targetNames = listArg(args, 'targets', TARGET_NAMES, baselineDir ? TARGET_NAMES : DEFAULT_TARGETS);
  const mixes = listArg(args, 'mixes', MIX_NAMES).map((name) => MIXES[name]);
  const out = args.out ?? join(BENCH_DIR, 'results/load.json');
  requireWrk();
  const machine = machineLine();
  process.stderr.write(`${machine}\n`);

  const targets = targetNames.map((name) => makeTarget(name, { cpuProfileDir: args['cpu-prof'], baselineDir }));
  const fixtures = new Map<TargetName, Fixture>();
  // Pricebook first: whether it serves collections decides which mixes every target runs.
  let collections = true;
  for (const target of [
    ...targets.filter((t) => isPricebook(t.name)),
    ...targets.filter((t) => !isPricebook(t.name)),
  ]) {
    const prepared = await target.prepare(collections);
    if (isPricebook(target.name)) collections &&= prepared.collections;
    fixtures.set(target.name, prepared.fixture);
  }
  if (!collections)
    process.stderr.write('Pricebook does not serve /product-collections: collection mixes are left out\n');

  const samples: Sample[] = [];
  const lifecycles: Lifecycle[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Each round starts with a different target, so a slow spell of the machine does not always hit the same one.
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
      for (const target of order) {
        const fixture = fixtures.get(target.name)!;
        const server = await target.start();
        try {
          for (const mix of mixesFor(target, mixes, collections)) {
            const requests = mix.requests(fixture);
            await preflight(server.url, fixture, requests, `${target.name}/${mix.name}`);
            const probe = { path: requests[0]!.path, headers: fixture.headers };
            if (warmupS > 0) await runWrk(server.url, requests, fixture.headers, { ...settings, durationS: warmupS });
            await settle(server.port, probe);
            const cpuBefore = server.cpuSeconds();
            const result = await runWrk(server.url, requests, fixture.headers, settings);
            const cpuUsPerRequest = ((server.cpuSeconds() - cpuBefore) / result.requests) * 1e6;
            await settle(server.port, probe);
            samples.push({ round, target: target.name, mix: mix.name, cpuUsPerRequest, ...result });
            process.stderr.write(
              `round ${round} ${target.name.padEnd(9)} ${mix.name.padEnd(13)} ${fmt(result.rps).padStart(7)} req/s  p50 ${fmt(result.p50Ms, 2)} ms  p99 ${fmt(result.p99Ms, 2)} ms  errors ${result.errors}  cpu ${fmt(cpuUsPerRequest)} µs/req\n`,
            );
          }
          lifecycles.push({
            round,
            target: target.name,
            startupMs: server.startupMs,
            startupCpuMs: server.startupCpuMs,
            rssAfterMb: server.rssMb(),
          });
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    for (const target of targets) await target.dispose();
  }

  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ machine, settings, rounds, warmupS, collections, samples, lifecycles }, null, 2)}\n`,
  );
  process.stdout.write(`${render(machine, settings, rounds, collections, samples, lifecycles)}\n`);
  process.stderr.write(`raw samples: ${out}\n`);
}

function ratioInRound(samples: Sample[], sample: Sample, target: TargetName, mix: MixName): number {
  const other = samples.find((s) => s.round === sample.round && s.target === target && s.mix === mix);
  return other ? sample.rps / other.rps : Number.NaN;
}

function render(
  machine: string,
  settings: LoadSettings,
  rounds: number,
  collections: boolean,
  samples: Sample[],
  lifecycles: Lifecycle[],
): string {
  const parts = [
    `${machine}; wrk -t${settings.threads} -c${settings.connections} -d${settings.durationS}s, ${rounds} rounds, medians.`,
  ];
  if (!collections) parts.push('Collections are not served by this build: the collection mixes were not run.');
  // Against another checkout (--baseline), each round's own ratio: rounds drift with the machine, a round's two
  // runs much less.
  const baseline = samples.some((s) => s.target === 'baseline');
  for (const mix of MIX_NAMES) {
    const rows: string[][] = [];
    for (const target of TARGET_NAMES) {
      const mine = samples.filter((s) => s.target === target && s.mix === mix);
      if (mine.length === 0) continue;
      rows.push([
        target,
        fmt(median(mine.map((s) => s.rps))),
        fmt(median(mine.map((s) => s.p50Ms)), 2),
        fmt(median(mine.map((s) => s.p99Ms)), 2),
        fmt(mine.reduce((n, s) => n + s.errors, 0)),
        fmt(median(mine.map((s) => s.cpuUsPerRequest))),
        fmt(median(mine.map((s) => ratioInRound(samples, s, 'node-http', 'get-product'))), 2),
        fmt(median(mine.map((s) => ratioInRound(samples, s, 'steady', mix))), 2),
        ...(baseline ? [fmt(median(mine.map((s) => ratioInRound(samples, s, 'baseline', mix))), 2)] : []),
      ]);
    }
    if (rows.length === 0) continue;
    parts.push(`### ${MIXES[mix].title}`);
    parts.push(
      table(
        [
          'target',
          'req/s:',
          'p50 ms:',
          'p99 ms:',
          'errors:',
          'CPU µs/req:',
          '× node:http:',
          '× steady:',
          ...(baseline ? ['× baseline:'] : []),
        ],
        rows,
      ),
    );
  }
  const life = TARGET_NAMES.flatMap((target) => {
    const mine = lifecycles.filter((l) => l.target === target);
    if (mine.length === 0) return [];
    return [
      [
        target,
        fmt(median(mine.map((l) => l.startupMs))),
        fmt(Math.max(...mine.map((l) => l.startupMs))),
        fmt(median(mine.map((l) => l.startupCpuMs))),
        fmt(median(mine.map((l) => l.rssAfterMb))),
        fmt(Math.max(...mine.map((l) => l.rssAfterMb))),
      ],
    ];
  });
  parts.push('### Start to first answer, and resident memory after the load');
  parts.push(table(['target', 'start ms:', 'worst start ms:', 'start CPU ms:', 'RSS MiB:', 'worst RSS MiB:'], life));
  parts.push('### The targets of issue 16');
  parts.push(goalsTable(samples, lifecycles));
  return parts.join('\n\n');
}

await runMain(main);
