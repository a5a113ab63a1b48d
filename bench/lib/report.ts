import { loadavg } from 'node:os';

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A GitHub-flavoured Markdown table; numbers are right-aligned by their column's header ending in ':'. */
export function table(headers: string[], rows: string[][]): string {
  const align = headers.map((h) => (h.endsWith(':') ? '---:' : '---'));
  const names = headers.map((h) => h.replace(/:$/, ''));
  return [names, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** What the report says about the machine the figures come from. */
export function machineLine(): string {
  const [one, five] = loadavg();
  return `Node ${process.version}, ${process.platform}/${process.arch}, load average ${fmt(one ?? 0, 2)} (1 min), ${fmt(five ?? 0, 2)} (5 min) at the start`;
}

export interface Args {
  [name: string]: string | undefined;
}

/** `--name value` pairs and bare `--flag`s; nothing fancier is needed. */
export function parseArgs(argv: string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg?.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args[arg.slice(2)] = next;
      i++;
    } else {
      args[arg.slice(2)] = 'true';
    }
  }
  return args;
}

export function numberArg(args: Args, name: string, fallback: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of 0 or more, got ${raw}`);
  return n;
}

export function listArg<T extends string>(args: Args, name: string, all: readonly T[], fallback = all): T[] {
  const raw = args[name];
  if (raw === undefined) return [...fallback];
  const picked = raw.split(',').map((s) => s.trim());
  for (const p of picked) if (!all.includes(p as T)) throw new Error(`--${name}: ${p} is not one of ${all.join(', ')}`);
  return picked as T[];
}
