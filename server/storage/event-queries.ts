/**
 * Read-only queries on the event log for the workspace, the data grid and number histories.
 * Event data is JSON text, so a `LIKE` on the serialised field narrows the rows and an exact
 * check on the parsed data decides (ids may contain `_`, a LIKE wildcard).
 */
import { sql } from 'kysely';
import type { LogEvent } from '../../shared/events.ts';
import type { Db } from './storage.ts';

const CHUNK = 500;

function toEvent(r: { seq: number | string; type: string; data: string; at: string; actor: string }): LogEvent {
  return { type: r.type, data: JSON.parse(r.data), seq: Number(r.seq), at: r.at, actor: r.actor } as LogEvent;
}

/** `"field":"value"` as JSON.stringify writes it, escaped for LIKE (backslash escape). */
function likeField(field: string, value: string): string {
  const json = JSON.stringify({ [field]: value }).slice(1, -1);
  return `%${json.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Events of these types whose data has `field === value`, oldest first. */
export async function eventsWhere(db: Db, types: string[], field: string, value: string): Promise<LogEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('type', 'in', types)
    .where(sql<boolean>`data like ${likeField(field, value)} escape '\\'`)
    .orderBy('seq')
    .execute();
  return rows.map(toEvent).filter((e) => (e.data as Record<string, unknown>)[field] === value);
}

/** Events of these types that refer to one of `ids` (by `id` or `target`), oldest first. */
export async function eventsReferring(db: Db, types: string[], ids: string[]): Promise<LogEvent[]> {
  if (!ids.length) return [];
  const want = new Set(ids);
  const out: LogEvent[] = [];
  const rows = await db.selectFrom('events').selectAll().where('type', 'in', types).orderBy('seq').execute();
  for (const r of rows) {
    const e = toEvent(r);
    const d = e.data as Record<string, unknown>;
    if (want.has(d.id as string) || want.has(d.target as string)) out.push(e);
  }
  return out;
}

export interface CellRecord {
  value: number | string | null;
  seq: number;
  at: string;
  actor: string;
}

/** The current value of every (unit, indicator) reported for a period: last event wins. */
export async function periodValues(db: Db, period: string): Promise<Map<string, CellRecord>> {
  const events = await eventsWhere(db, ['value:recorded', 'value:corrected'], 'period', period);
  const out = new Map<string, CellRecord>();
  for (const e of events) {
    if (e.type !== 'value:recorded' && e.type !== 'value:corrected') continue;
    out.set(`${e.data.unit}|${e.data.indicator}`, { value: e.data.value, seq: e.seq, at: e.at, actor: e.actor });
  }
  return out;
}

/** Events by seq (for the evidence of a decision), in chunks. */
export async function eventsBySeq(db: Db, seqs: number[]): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for (let i = 0; i < seqs.length; i += CHUNK) {
    const rows = await db.selectFrom('events').selectAll().where('seq', 'in', seqs.slice(i, i + CHUNK)).execute();
    out.push(...rows.map(toEvent));
  }
  return out.sort((a, b) => a.seq - b.seq);
}
