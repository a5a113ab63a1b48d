/** A unique index, as each driver names it when a write breaks it. */
export interface UniqueIndex {
  /** The index name, which PostgreSQL reports. */
  name: string;
  /** `table.column` for each column, which SQLite reports. */
  columns: readonly string[];
}

/**
 * Whether `error` is the driver saying a write broke `index`: PostgreSQL's `23505` with the index name, or
 * SQLite's `SQLITE_CONSTRAINT_UNIQUE` listing its columns. Stores turn this into the catalogue's own error.
 */
export function violates(error: unknown, index: UniqueIndex): boolean {
  if (!(error instanceof Error)) return false;
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  if (code === '23505') return constraint === index.name;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return error.message.endsWith(`: ${index.columns.join(', ')}`);
  return false;
}
