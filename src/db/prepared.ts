import { type Compilable, type CompiledQuery, PostgresAdapter } from 'kysely';
import type { Executor } from './database.ts';
import { nameStatement } from './pg-statements.ts';
import type { Mode } from './schema.ts';
import { runCompiled } from './sqlite-reader.ts';

type Value = string | number | null | readonly string[];
type KeysOf<Args, T> = { [K in keyof Args]: Args[K] extends T ? K : never }[keyof Args] & string;

/** Stand-ins for the arguments while the query is built once; each is told apart by its value. */
export interface Slots<Args> {
  text<K extends KeysOf<Args, string>>(name: K): string;
  int<K extends KeysOf<Args, number>>(name: K): number;
  /** A value set or compared as a parameter, whatever its type, null included (a column of an UPDATE's SET). */
  value<K extends keyof Args & string>(name: K): Args[K];
  /** For `in` lists: the query is compiled once per list length that occurs. */
  list<K extends KeysOf<Args, readonly string[]>>(name: K): string[];
}

/** The caller's business and mode as slots, for a query whose arguments carry them: a store's scoped builder takes it. */
export function scopeSlots(slots: Slots<{ businessId: string; mode: string }>): { businessId: string; mode: Mode } {
  return { businessId: slots.text('businessId'), mode: slots.text('mode') as Mode };
}

type Parameter = { arg: string; index?: number } | { value: unknown };

interface Template<Row> {
  compiled: CompiledQuery<Row>;
  parameters: Parameter[];
}

// Far outside any count, limit or flag a query holds, and never produced by arithmetic on real values.
const INT_SLOT_BASE = -4_503_599_627_370_000;
const TEXT_SLOT_PREFIX = '\u0000slot:';
/** A parameter's stand-in: its value is looked up by name when the compiled query runs. */
const slotOf = (name: string) => `${TEXT_SLOT_PREFIX}${name}`;

/**
 * A query built and compiled by Kysely once per dialect (and list length), then run with new values.
 * Building a query costs Kysely some 20–40 µs (immutable nodes, then SQL text), several times what SQLite
 * takes to answer a lookup by key: on the routes every request takes (the API-key check, reading one
 * row) that was the largest share of the CPU profile (bench/RESULTS.md). Only queries whose shape does
 * not depend on the values qualify: no optional clauses. An empty list must not reach the query. Outside
 * a transaction, SELECTs run on the store's reader (sqlite-reader.ts, pg-statements.ts); on PostgreSQL each runs as a
 * named prepared statement. A write answers the rows its RETURNING clause names, if any.
 */
export function prepared<Args extends Record<string, Value>, Row>(
  build: (db: Executor, slots: Slots<Args>) => Compilable<Row>,
): (db: Executor, args: Args) => Promise<Row[]> {
  // Per dialect adapter (SQLite and PostgreSQL place and quote parameters differently; a transaction
  // shares its database's adapter), then per list lengths.
  const templates = new WeakMap<object, Map<string, Template<Row>>>();

  const compile = (db: Executor, args: Args): Template<Row> => {
    const ints = new Map<number, string>();
    const slots: Slots<Args> = {
      text: (name) => slotOf(name),
      value: (name) => slotOf(name) as Args[typeof name],
      int: (name) => {
        const marker = INT_SLOT_BASE - ints.size;
        ints.set(marker, name);
        return marker;
      },
      list: (name) => (args[name] as readonly string[]).map((_, i) => `${slotOf(name)}#${i}`),
    };
    const compiled = build(db, slots).compile();
    if (db.getExecutor().adapter instanceof PostgresAdapter) nameStatement(compiled.sql);
    const parameters = compiled.parameters.map((value): Parameter => {
      if (typeof value === 'string' && value.startsWith(TEXT_SLOT_PREFIX)) {
        const [arg = '', index] = value.slice(TEXT_SLOT_PREFIX.length).split('#');
        return { arg, index: index === undefined ? undefined : Number(index) };
      }
      const int = typeof value === 'number' ? ints.get(value) : undefined;
      return int === undefined ? { value } : { arg: int };
    });
    return { compiled, parameters };
  };

  return async (db, args) => {
    const adapter = db.getExecutor().adapter;
    let shapes = templates.get(adapter);
    if (shapes === undefined) {
      shapes = new Map();
      templates.set(adapter, shapes);
    }
    let shape = '';
    for (const name in args) {
      const value = args[name];
      if (Array.isArray(value)) shape += `${name}:${value.length};`;
    }
    let template = shapes.get(shape);
    if (template === undefined) {
      template = compile(db, args);
      shapes.set(shape, template);
    }
    const parameters = template.parameters.map((p) => {
      if (!('arg' in p)) return p.value;
      const value = args[p.arg];
      return p.index === undefined ? value : (value as readonly string[])[p.index];
    });
    return runCompiled(db, { ...template.compiled, parameters });
  };
}

/**
 * `list` padded with repeats of its first value to a power of two in length: for `IN (...)`, where repeats change
 * nothing, so that a query compiles to a handful of statements (one per length) instead of one per count of values.
 */
export function padToPowerOfTwo<T>(list: readonly T[]): readonly T[] {
  if (list.length === 0) return list;
  const padded = [...list];
  while ((padded.length & (padded.length - 1)) !== 0) padded.push(list[0]!);
  return padded;
}
