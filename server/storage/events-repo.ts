/** The append-only event log and its idempotency keys. */
import type { LogEvent } from '../../shared/events.ts';
import type { Db } from './storage.ts';
import type { EventRefsTable } from './schema.ts';

const CHUNK = 500;

/** The seq of the last event (0 when the log is empty). */
export async function lastSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst();
  return row?.max == null ? 0 : Number(row.max);
}

/** Events with `since < seq ≤ until`, in order, at most `limit`. */
export async function readEvents(db: Db, since: number, limit: number, until = Number.MAX_SAFE_INTEGER): Promise<LogEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', since)
    .where('seq', '<=', until)
    .orderBy('seq')
    .limit(limit)
    .execute();
  // Rows were validated (and defaults filled) before they were written; parsing them again would
  // dominate start-up on a large log.
  return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data), seq: Number(r.seq), at: r.at, actor: r.actor }) as LogEvent);
}

/** Events recorded by any of `actors`, newest first, below `before`. */
export async function readEventsByActors(db: Db, actors: string[], before: number, limit: number): Promise<LogEvent[]> {
  if (!actors.length) return [];
  const rows = await db.selectFrom('events').selectAll().where('actor', 'in', actors).where('seq', '<', before).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data), seq: Number(r.seq), at: r.at, actor: r.actor }) as LogEvent);
}

/** Every event with `from < seq ≤ until`, in order, read in pages so memory stays bounded per page. */
export async function readAllEvents(db: Db, until = Number.MAX_SAFE_INTEGER, from = 0): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for (let since = from; ; ) {
    const page = await readEvents(db, since, 5000, until);
    out.push(...page);
    if (page.length < 5000) return out;
    since = page[page.length - 1]!.seq;
  }
}

/** Appends events with what they are about (`event_refs`); call inside the transaction that commits them. */
export async function appendEvents(db: Db, events: LogEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    await db.insertInto('events').values(chunk.map((e) => ({ seq: e.seq, type: e.type, data: JSON.stringify(e.data), at: e.at, actor: e.actor }))).execute();
    const refs = chunk.flatMap(refsOf);
    if (refs.length) await db.insertInto('event_refs').values(refs).execute();
  }
}

/** What an event is about, as the `event_refs` migration reads it from the stored JSON. */
export function refsOf(e: LogEvent): EventRefsTable[] {
  if (e.type === 'scheme:changed') return [];
  const d = e.data as Record<string, unknown>;
  const text = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  const r = { seq: e.seq, unit: text('unit'), period: text('period'), indicator: text('indicator'), ref: text('id') ?? text('target') };
  return r.unit !== null || r.period !== null || r.indicator !== null || r.ref !== null ? [r] : [];
}

export interface KeyRecord {
  key: string;
  hash: string;
  seq: number;
}

/** The stored records of those keys that were used before. */
export async function findKeys(db: Db, keys: string[]): Promise<Map<string, KeyRecord>> {
  const found = new Map<string, KeyRecord>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom('idempotency').selectAll().where('key', 'in', keys.slice(i, i + CHUNK)).execute();
    for (const r of rows) found.set(r.key, { key: r.key, hash: r.hash, seq: Number(r.seq) });
  }
  return found;
}

export async function putKeys(db: Db, records: KeyRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    await db.insertInto('idempotency').values(records.slice(i, i + CHUNK)).execute();
  }
}
