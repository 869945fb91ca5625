/** Database probes for readiness and metrics: does it answer, how far is its log, how big is it. */
import { sql } from 'kysely';
import type { Storage } from '../storage/storage.ts';
import { lastSeq } from '../storage/events-repo.ts';

/** Rejects after `ms` (a database that does not answer is not ready either). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Seq of the last event in the log, read from the database. */
export const logSeq = (storage: Storage, timeoutMs = 3000): Promise<number> => within(lastSeq(storage.db), timeoutMs, 'database');

/** Size of the database in bytes: the SQLite file's pages, or the PostgreSQL tables of the current schema. */
export async function databaseBytes(storage: Storage): Promise<number> {
  if (storage.dialect === 'sqlite') {
    const r = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(storage.db);
    return Number(r.rows[0]?.bytes ?? 0);
  }
  const r = await sql<{ bytes: string }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(storage.db);
  return Number(r.rows[0]?.bytes ?? 0);
}
