/** Local PostgreSQL for the PG-path tests: 127.0.0.1:5432, trust auth, database `test`. */
import pg from 'pg';

const CANDIDATES = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** A reachable PostgreSQL URL, or null (the caller skips with a message). */
export async function findPostgres(): Promise<string | null> {
  for (const url of [process.env.SAIMA_TEST_PG, ...CANDIDATES]) {
    if (!url) continue;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
    try {
      await c.connect();
      await c.query('select 1');
      return url;
    } catch {
      // try the next candidate
    } finally {
      await c.end().catch(() => undefined);
    }
  }
  return null;
}

/** A fresh schema name so parallel runs never see each other's tables. */
export function freshSchema(): string {
  return `saima_t_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
