import { createInterface } from 'node:readline/promises';
import { openBlobStore } from '../blobs/index.ts';
import { type ApplyReport, applyCatalogFile, planCatalog, statePathFor } from '../catalog/apply.ts';
import { describeChangeError } from '../catalog/change-errors.ts';
import { exportCatalog } from '../catalog/export.ts';
import { loadCatalog } from '../catalog/loader.ts';
import { withLocalTarget } from '../catalog/local.ts';
import type { Change, Plan } from '../catalog/planner.ts';
import { StateFile } from '../catalog/state.ts';
import { httpTarget, keyMode, type Target } from '../catalog/target.ts';
import { readConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { Mode } from '../db/schema.ts';
import { systemClock } from '../lib/clock.ts';

// export, pull, plan and apply. Each prints JSON with --json and a readable summary otherwise.

export const CATALOG_USAGE = `  export --business BUSINESS_ID --mode test|live [--out DIR|FILE]
  pull --from URL --key KEY [--out DIR|FILE]
  plan FILE (--to URL --key KEY | --business BUSINESS_ID --mode test|live) [--prune]
  apply FILE (--to URL --key KEY | --business BUSINESS_ID --mode test|live) [--prune] [--yes]`;

export const CATALOG_COMMANDS = new Set(['export', 'pull', 'plan', 'apply']);

export interface CatalogFlags {
  business?: string;
  mode?: Mode;
  out?: string;
  from?: string;
  to?: string;
  key?: string;
  prune?: boolean;
  yes?: boolean;
  json?: boolean;
}

export class CatalogUsageError extends Error {}

/** The user declined, or could not be asked: exit 2, without the usage text. */
export class NotConfirmed extends Error {}

/** What a command prints: `json` with --json, `text` otherwise; `failed` sets the exit code. */
export interface Output {
  json: unknown;
  text: string;
  failed?: boolean;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new CatalogUsageError(`${flag} is required`);
  return value;
}

/** A progress bar on a terminal; nothing when stderr is a pipe or a file. */
function progressBar(label: string): ((done: number, total?: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    const bar = total ? `[${'#'.repeat(Math.round((done / total) * 30)).padEnd(30)}] ${done}/${total}` : `${done}`;
    process.stderr.write(`\r${label} ${bar}${done === total ? '\n' : ''}`);
  };
}

async function onTarget<T>(flags: CatalogFlags, work: (target: Target, live: boolean) => Promise<T>): Promise<T> {
  if (flags.to) {
    const key = need(flags.key, '--key');
    const live = keyMode(key) === 'live' || /^https?:\/\/live\./.test(flags.to);
    return work(httpTarget(flags.to, key), live);
  }
  if (!flags.business || !flags.mode) throw new CatalogUsageError('give --to URL --key KEY, or --business and --mode');
  return onLocal(flags.business, flags.mode, (target) => work(target, flags.mode === 'live'));
}

async function onLocal<T>(businessId: string, mode: Mode, work: (target: Target) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = openDatabase(config.databaseUrl, { max: 1 });
  const blobs = await openBlobStore(config, systemClock);
  try {
    await migrate(database);
    return await withLocalTarget({ database, blobs, publicUrl: config.publicUrl }, businessId, mode, work);
  } finally {
    await database.close();
    await blobs.close();
  }
}

const SIGN: Record<Change['action'], string> = { create: '+', update: '~', recreate: '!', archive: '-' };

export function describePlan(plan: Plan): string {
  const lines = plan.changes.map((change) => {
    const head = `${SIGN[change.action]} ${change.action.padEnd(8)} ${change.kind.padEnd(19)} ${change.key}`;
    if (change.action === 'create' || change.action === 'archive') return head;
    const fields = change.fields.map((f) => `    ${f.field}: ${JSON.stringify(f.old)} → ${JSON.stringify(f.new)}`);
    const flag = change.action === 'recreate' ? `  (archived and made again: ${change.reason})` : '';
    return [`${head}${flag}`, ...fields].join('\n');
  });
  const count = (action: Change['action']) => plan.changes.filter((c) => c.action === action).length;
  const summary =
    plan.changes.length === 0
      ? 'No changes: the target matches the file.'
      : `${plan.changes.length} changes: ${count('create')} to create, ${count('update')} to update, ${count('recreate')} to archive and make again, ${count('archive')} to archive.`;
  return [...lines, summary].join('\n');
}

function describeReport(report: ApplyReport): string {
  const errors = report.errors.map(describeChangeError);
  return [
    `Created ${report.created}, updated ${report.updated}, archived ${report.archived}.`,
    ...(errors.length > 0
      ? [`${errors.length} failed (run apply again to finish once the cause is fixed):`, ...errors]
      : []),
  ].join('\n');
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runCatalogCommand(
  command: string,
  file: string | undefined,
  flags: CatalogFlags,
): Promise<Output> {
  switch (command) {
    case 'export':
    case 'pull': {
      const out = flags.out ?? 'catalog';
      const progress = progressBar('reading products');
      const result =
        command === 'export'
          ? await onLocal(need(flags.business, '--business'), need(flags.mode, '--mode') as Mode, (t) =>
              exportCatalog(t, out, progress),
            )
          : await exportCatalog(httpTarget(need(flags.from, '--from'), need(flags.key, '--key')), out, progress);
      const counts = Object.entries(result.counts).map(([kind, n]) => `  ${kind.padEnd(19)} ${n}`);
      return { json: result, text: [`Wrote ${result.file}`, ...counts].join('\n') };
    }
    case 'plan':
    case 'apply': {
      const path = need(file, 'FILE');
      const loaded = loadCatalog(path);
      return onTarget(flags, async (target, live) => {
        const state = new StateFile(statePathFor(path), target.scope);
        if (command === 'plan') {
          const { plan } = await planCatalog(loaded, target, state, flags.prune);
          return { json: plan, text: describePlan(plan) };
        }
        if (live && !flags.yes) {
          const { plan } = await planCatalog(loaded, target, state, flags.prune);
          if (plan.changes.length === 0)
            return { json: { plan, created: 0, updated: 0, archived: 0, errors: [] }, text: describePlan(plan) };
          process.stderr.write(`${describePlan(plan)}\n`);
          if (!(await confirm('This changes a LIVE catalog. Apply? [y/N] ')))
            throw new NotConfirmed('not applied: a live-mode target needs confirmation, or --yes');
        }
        const report = await applyCatalogFile(
          path,
          target,
          { prune: flags.prune, onProgress: progressBar('applying') },
          loaded,
        );
        return {
          json: report,
          text: `${describePlan(report.plan)}\n${describeReport(report)}`,
          failed: report.errors.length > 0,
        };
      });
    }
    default:
      throw new CatalogUsageError(`unknown command: ${command}`);
  }
}
