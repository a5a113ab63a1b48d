// Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went: the functions with the
// most self time, and the share of time under each package or source folder. No flame graph viewer needed.
import { readFileSync } from 'node:fs';
import { fmt, table } from './lib/report.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Collapses a script URL to what a reader recognises: a package name, or a path under the repository. */
function origin(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return url;
  const src = /\/(dist|src)\/(.*)$/.exec(url);
  if (src) return `pricebook:${src[2]?.replace(/\.js$/, '')}`;
  return url;
}

function summarize(path: string, top: number): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const bySelf = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (IDLE.has(functionName)) {
      idle += functionName === '(garbage collector)' ? 0 : hits;
      if (functionName !== '(garbage collector)') continue;
    }
    const name = `${functionName || '(anonymous)'} ${origin(url)}:${lineNumber + 1}`;
    bySelf.set(name, (bySelf.get(name) ?? 0) + hits);
    const where = functionName === '(garbage collector)' ? '(garbage collector)' : origin(url);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + hits);
  }
  const busy = total - idle;
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => [name, fmt((hits / busy) * 100, 1)]);
  return [
    `${path}: ${fmt(busy)} busy samples (idle ${fmt((idle / total) * 100, 0)} %)`,
    '',
    table(['self time, by package or file', '% of busy:'], rows(byOrigin)),
    '',
    table(['self time, by function', '% of busy:'], rows(bySelf)),
  ].join('\n');
}

const [path, top] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
process.stdout.write(`${summarize(path, Number(top ?? 25))}\n`);
