import pg from 'pg';
import { onCleanup } from './children.ts';

/** Where the harness may create and drop its own databases. */
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let made = 0;

/** A fresh, empty database for one target, dropped when the harness stops, however it stops. */
export async function freshPostgres(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pricebook_bench_${label}_${process.pid}_${made++}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    forget();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  const forget = onCleanup(drop);
  return { url: url.toString(), drop };
}
