// The targets of issue 16, checked against one load run: each row says its target, the figure and met or missed.
import type { MixName } from './mixes.ts';
import { fmt, median, table } from './report.ts';
import type { TargetName } from './targets.ts';
import type { LoadResult } from './wrk.ts';

export interface Sample extends LoadResult {
  round: number;
  target: TargetName;
  mix: MixName;
  /** Server CPU time per answered request, in microseconds: what a change costs, whatever else loads the machine. */
  cpuUsPerRequest: number;
}

export interface Lifecycle {
  round: number;
  target: TargetName;
  startupMs: number;
  startupCpuMs: number;
  rssAfterMb: number;
}

/** A figure and whether it meets its bound; NaN when the run did not measure it. */
interface Check {
  figure: string;
  value: number;
  met: (value: number) => boolean;
}

interface Goal {
  row: string;
  target: string;
  checks: (run: Run) => Check[];
}

/** List 100 before issue 16: 982–1,218 req/s on the quiet machine; the goal is 4× the best of them. */
const LIST_BEFORE_RPS = 1218;

class Run {
  constructor(
    readonly samples: Sample[],
    readonly lifecycles: Lifecycle[],
  ) {}

  of(target: TargetName, mix: MixName): Sample[] {
    return this.samples.filter((s) => s.target === target && s.mix === mix);
  }

  /** The median over rounds of `target`'s req/s on `mix` divided by `other`'s on `otherMix` in the same round. */
  ratio(target: TargetName, mix: MixName, other: TargetName, otherMix: MixName = mix): number {
    return median(
      this.of(target, mix).map((s) => {
        const o = this.samples.find((x) => x.round === s.round && x.target === other && x.mix === otherMix);
        return o ? s.rps / o.rps : Number.NaN;
      }),
    );
  }

  median(target: TargetName, mix: MixName, field: 'rps' | 'p99Ms' | 'cpuUsPerRequest'): number {
    return median(this.of(target, mix).map((s) => s[field]));
  }

  life(target: TargetName, field: 'startupMs' | 'rssAfterMb'): number {
    return median(this.lifecycles.filter((l) => l.target === target).map((l) => l[field]));
  }
}

const atLeast = (bound: number) => (v: number) => v >= bound;
const below = (bound: number) => (v: number) => v < bound;
const atMost = (bound: number) => (v: number) => v <= bound;

const steadyRatio = (target: TargetName, mix: MixName, bound: number) => (run: Run) => [
  {
    figure: `${fmt(run.ratio(target, mix, 'steady'), 2)}× steady`,
    value: run.ratio(target, mix, 'steady'),
    met: atLeast(bound),
  },
];

const P99_MIXES: MixName[] = ['get-product', 'patch-product', 'patch-item', 'patch-group', 'mixed'];

const GOALS: Goal[] = [
  {
    row: 'GET product, embedded',
    target: '≥ 3× steady and ≥ 40 % of node:http',
    checks: (run) => [
      ...steadyRatio('sqlite', 'get-product', 3)(run),
      {
        figure: `${fmt(run.ratio('sqlite', 'get-product', 'node-http') * 100)} % of node:http`,
        value: run.ratio('sqlite', 'get-product', 'node-http'),
        met: atLeast(0.4),
      },
    ],
  },
  { row: 'PATCH product, embedded', target: '≥ 1.5× steady', checks: steadyRatio('sqlite', 'patch-product', 1.5) },
  // "seed 000" / "seed 001" in the rows name the project's seed documents (shared/seeds/) that defined these
  // endpoints (Update Group Item, Update Product Collection Group), not a random seed of the request mix.
  {
    row: 'PATCH group item (seed document 000), embedded',
    target: '≥ 1.5× steady',
    checks: steadyRatio('sqlite', 'patch-item', 1.5),
  },
  {
    row: 'PATCH group with `product_order` (seed document 001), embedded',
    target: '≥ 1× steady',
    checks: steadyRatio('sqlite', 'patch-group', 1),
  },
  {
    row: 'list 100 products, embedded',
    target: `≥ ${fmt(4 * LIST_BEFORE_RPS)} req/s (4× ${fmt(LIST_BEFORE_RPS)}), p99 < 25 ms`,
    checks: (run) => [
      {
        figure: `${fmt(run.median('sqlite', 'list-products', 'rps'))} req/s`,
        value: run.median('sqlite', 'list-products', 'rps'),
        met: atLeast(4 * LIST_BEFORE_RPS),
      },
      {
        figure: `p99 ${fmt(run.median('sqlite', 'list-products', 'p99Ms'), 1)} ms`,
        value: run.median('sqlite', 'list-products', 'p99Ms'),
        met: below(25),
      },
    ],
  },
  { row: '70/30 mixed, embedded', target: '≥ 1.5× steady', checks: steadyRatio('sqlite', 'mixed', 1.5) },
  {
    row: 'p99 at 32 connections, every mix but list, embedded',
    target: '< 10 ms',
    checks: (run) =>
      P99_MIXES.map((mix) => ({
        figure: `${mix} ${fmt(run.median('sqlite', mix, 'p99Ms'), 1)} ms`,
        value: run.median('sqlite', mix, 'p99Ms'),
        met: below(10),
      })),
  },
  {
    row: 'GET product, PostgreSQL',
    target: '≥ 0.6× steady, ≤ 120 µs server CPU/request',
    checks: (run) => [
      ...steadyRatio('postgres', 'get-product', 0.6)(run),
      {
        figure: `${fmt(run.median('postgres', 'get-product', 'cpuUsPerRequest'))} µs/request`,
        value: run.median('postgres', 'get-product', 'cpuUsPerRequest'),
        met: atMost(120),
      },
    ],
  },
  {
    row: 'PATCH product and item, PostgreSQL',
    target: '≥ 0.4× steady',
    checks: (run) => [
      ...steadyRatio('postgres', 'patch-product', 0.4)(run),
      ...steadyRatio('postgres', 'patch-item', 0.4)(run),
    ],
  },
  {
    row: 'start to first answer; RSS after load, embedded',
    target: '< 300 ms; < 120 MiB',
    checks: (run) => [
      { figure: `${fmt(run.life('sqlite', 'startupMs'))} ms`, value: run.life('sqlite', 'startupMs'), met: below(300) },
      {
        figure: `${fmt(run.life('sqlite', 'rssAfterMb'))} MiB`,
        value: run.life('sqlite', 'rssAfterMb'),
        met: below(120),
      },
    ],
  },
];

/** The table: every row, its target, what this run measured, and met, missed or not measured. */
export function goalsTable(samples: Sample[], lifecycles: Lifecycle[]): string {
  const run = new Run(samples, lifecycles);
  const rows = GOALS.map((goal) => {
    const checks = goal.checks(run);
    const measured = checks.filter((c) => Number.isFinite(c.value));
    const missed = measured.some((c) => !c.met(c.value));
    const verdict = missed ? 'missed' : measured.length < checks.length ? 'not measured' : 'met';
    const figures = checks.map((c) => c.figure).join('; ');
    return [goal.row, goal.target, figures, verdict];
  });
  return table(['row of issue 16', 'target', 'this run (medians of rounds)', ''], rows);
}
