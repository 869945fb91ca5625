/**
 * Read-only queries on the event log for the workspace, the data grid and number histories. The
 * `event_refs` index (what each event is about) finds the rows; the parsed data decides.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { LogEvent } from '../../shared/events.ts';
import type { DB } from './schema.ts';
import type { Db } from './storage.ts';

const CHUNK = 500;

function toEvent(r: { seq: number | string; type: string; data: string; at: string; actor: string }): LogEvent {
  return { type: r.type, data: JSON.parse(r.data), seq: Number(r.seq), at: r.at, actor: r.actor } as LogEvent;
}

/** The events of these types among the seqs `refs` (a query on `event_refs`) selects, oldest first. */
function eventsIn(db: Db, types: string[], refs: SelectQueryBuilder<DB, 'event_refs', { seq: number }>) {
  return db.selectFrom('events').selectAll().where('type', 'in', types).where('seq', 'in', refs).orderBy('seq');
}

/** The query of `eventsWhere`. */
export function whereQuery(db: Db, types: string[], field: 'unit' | 'period', value: string) {
  return eventsIn(db, types, db.selectFrom('event_refs').select('seq').where(field, '=', value));
}

/** Events of these types whose data has `field === value`, oldest first. */
export async function eventsWhere(db: Db, types: string[], field: 'unit' | 'period', value: string): Promise<LogEvent[]> {
  const rows = await whereQuery(db, types, field, value).execute();
  return rows.map(toEvent).filter((e) => (e.data as Record<string, unknown>)[field] === value);
}

/** Events of these types that refer to one of `ids` (by `id` or `target`), oldest first. */
export async function eventsReferring(db: Db, types: string[], ids: string[]): Promise<LogEvent[]> {
  const want = new Set(ids);
  const out: LogEvent[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await eventsIn(db, types, db.selectFrom('event_refs').select('seq').where('ref', 'in', ids.slice(i, i + CHUNK))).execute();
    for (const r of rows) {
      const e = toEvent(r);
      const d = e.data as Record<string, unknown>;
      if (want.has(d.id as string) || want.has(d.target as string)) out.push(e);
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export interface CellRecord {
  value: number | string | null;
  seq: number;
  at: string;
  actor: string;
}

/**
 * The current value of every (unit, indicator) reported for a period, of these indicators and
 * units only when given (a track's, a group's): last event wins.
 */
export async function periodValues(db: Db, period: string, only: { indicators?: string[]; units?: string[] } = {}): Promise<Map<string, CellRecord>> {
  let refs = db.selectFrom('event_refs').select('seq').where('period', '=', period);
  // (an empty list matches nothing: '' is no id)
  if (only.indicators) refs = refs.where('indicator', 'in', only.indicators.length ? only.indicators : ['']);
  if (only.units) refs = refs.where('unit', 'in', only.units.length ? only.units : ['']);
  const rows = await eventsIn(db, ['value:recorded', 'value:corrected'], refs).execute();
  const out = new Map<string, CellRecord>();
  for (const e of rows.map(toEvent)) {
    if ((e.type !== 'value:recorded' && e.type !== 'value:corrected') || e.data.period !== period) continue;
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
