/**
 * Rows or ids per statement. SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535, so
 * a list as long as a request body can carry is split rather than failing in the driver.
 */
export const BATCH_SIZE = 500;

export function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
