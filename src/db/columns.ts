// How domain values are stored: booleans as 0/1 integers and structured values as JSON text, alike on SQLite
// and PostgreSQL (schema.ts). Stores read and write their columns through these, so that nothing above a
// store sees the stored form.

export function flag(stored: number): boolean {
  return stored === 1;
}

export function storedFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function json<T>(stored: string): T {
  return JSON.parse(stored) as T;
}

export function jsonOrNull<T>(stored: string | null): T | null {
  return stored === null ? null : (JSON.parse(stored) as T);
}

export function storedJson(value: unknown): string {
  return JSON.stringify(value);
}

export function storedJsonOrNull(value: unknown): string | null {
  return value == null ? null : JSON.stringify(value);
}
