import { type ChangeError, isTransient } from './change-errors.ts';
import { type LoadedCatalog, loadCatalog } from './loader.ts';
import { type Plan, plan } from './planner.ts';
import { KEY_FIELD, type KeyResolver, KINDS_WITH_METADATA, readTarget, type TargetCatalog } from './reader.ts';
import { Runner } from './runner.ts';
import type { Kind } from './schema.ts';
import { StateFile } from './state.ts';
import type { Target } from './target.ts';

export interface ApplyReport {
  /** The plan of the first pass: what the file asked of the target. */
  plan: Plan;
  created: number;
  updated: number;
  archived: number;
  errors: ChangeError[];
}

export interface ApplyOptions {
  prune?: boolean;
  /** Plans without changing anything. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** How many times a pass that failed on 5xx, 429 or the network is followed by another. */
const PASSES = 5;

export function statePathFor(file: string): string {
  return `${file}.state.json`;
}

/**
 * Keys of what a target holds: from metadata where the kind has it; otherwise from the state file, and
 * failing that by name, so an object created by a run that died before writing its state is found again.
 */
export function keyResolver(loaded: LoadedCatalog, state: StateFile, adopted: Set<string>): KeyResolver {
  const claimed = new Map<Kind, Map<string, string>>();
  return (kind, raw, id) => {
    const ids = state.ids(kind);
    if (KINDS_WITH_METADATA.includes(kind)) {
      const key = (raw.metadata as Record<string, unknown> | undefined)?.[KEY_FIELD];
      if (typeof key === 'string') return key;
    } else {
      const remembered = Object.keys(ids).find((key) => ids[key] === id);
      if (remembered) return remembered;
    }
    const taken = claimed.get(kind) ?? new Map<string, string>();
    claimed.set(kind, taken);
    const match = loaded.entries[kind].find((e) => e.name === raw.name && !ids[e.key] && !taken.has(e.key));
    if (!match) return `unkeyed:${id}`;
    taken.set(match.key, id);
    if (KINDS_WITH_METADATA.includes(kind)) adopted.add(`${kind}:${id}`);
    return match.key;
  };
}

/**
 * Products and entitlements found by name (a catalog pulled from an account that never had keys) are
 * adopted: the plan writes their key into metadata. One that another object already carries in its
 * metadata is not adopted, and counts as unnamed.
 */
function settleAdoptions(held: TargetCatalog, adopted: Set<string>): Set<string> {
  for (const kind of KINDS_WITH_METADATA) {
    const keyed = new Set(held[kind].filter((o) => !adopted.has(`${kind}:${o.id}`)).map((o) => o.key));
    for (const object of held[kind])
      if (adopted.has(`${kind}:${object.id}`) && keyed.has(object.key)) {
        adopted.delete(`${kind}:${object.id}`);
        object.key = `unkeyed:${object.id}`;
        object.entry.key = object.key;
      }
  }
  return adopted;
}

/** Reads the target and plans the file against it. */
export async function planCatalog(loaded: LoadedCatalog, target: Target, state: StateFile, prune = false) {
  const adopted = new Set<string>();
  const held: TargetCatalog = await readTarget(target, keyResolver(loaded, state, adopted));
  return { held, plan: plan(loaded.entries, held, { prune, adopt: settleAdoptions(held, adopted) }) };
}

export async function applyCatalog(
  loaded: LoadedCatalog,
  target: Target,
  state: StateFile,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const report: ApplyReport = { plan: { changes: [] }, created: 0, updated: 0, archived: 0, errors: [] };
  for (let pass = 0; pass < PASSES; pass++) {
    const { held, plan: next } = await planCatalog(loaded, target, state, options.prune);
    if (pass === 0) report.plan = next;
    if (options.dryRun || next.changes.length === 0) {
      report.errors = [];
      return report;
    }
    const result = await new Runner(target, loaded.entries, loaded.assets, held, state).run(next, options.onProgress);
    report.created += result.created;
    report.updated += result.updated;
    report.archived += result.archived;
    report.errors = result.errors;
    if (result.errors.length === 0 || !result.errors.some(isTransient)) return report;
  }
  return report;
}

/**
 * Applies a catalog file, with its state file beside it, to a target: any Dodo-compatible API (`httpTarget`) or
 * the local database. `pricebook apply` and `PRICEBOOK_SEED` run this; `loaded` spares a second read of a file
 * the caller has already loaded to plan.
 */
export async function applyCatalogFile(
  file: string,
  target: Target,
  options: ApplyOptions = {},
  loaded: LoadedCatalog = loadCatalog(file),
): Promise<ApplyReport> {
  return applyCatalog(loaded, target, new StateFile(statePathFor(file), target.scope), options);
}
