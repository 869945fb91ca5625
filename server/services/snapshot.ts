/**
 * Engine snapshots: the facts folded from the log up to a version, stored compactly, so that a
 * start (or an as-of replay) reads one row and the tail of the log instead of the whole log.
 *
 * A snapshot is turned back into events that fold into exactly the same facts, in the same map
 * orders where the engine iterates them, so `createEngine(scheme, [...snapshotEvents, ...tail])`
 * equals a replay of the whole log; `test/server/snapshot.test.ts` checks that on random logs.
 * Every fact comes from at least one event of its own, so the rebuilt events fit below the
 * snapshot's seq; published periods keep their own seq and time.
 *
 * While several schemes are in force (a change that took effect from a later period), the
 * snapshot also holds the earlier ones with the period each scores from: the rebuilt events
 * start with the oldest scheme and end with one scheme change per later one, which fold into
 * the same schemes in force (checked before a snapshot is written).
 */
import type { LogEvent } from '../../shared/events.ts';
import type { Engine } from '../../shared/engine/types.ts';
import { liveEras, type SchemeEra } from '../../shared/engine/eras.ts';
import { Facts, type AdjustmentFact, type CadreAdjFact, type CellStore, type VetoFact, type WaiverFact } from '../../shared/engine/facts.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Storage } from '../storage/storage.ts';
import { readAllEvents } from '../storage/events-repo.ts';
import { readSnapshot, type SnapshotRow } from '../storage/snapshot-repo.ts';
import type { EngineFactory } from './race-service.ts';

/** Bump when the encoding or the meaning of the facts changes: older rows are then ignored. */
export const SNAPSHOT_FORMAT = 2;
/** Formats a start can read: a format-1 row is a format-2 row with one scheme in force. */
const READABLE_FORMATS = [1, 2];

interface Encoded {
  seq: number;
  /** Seq of the last scheme:changed event. */
  schemeSeq: number;
  /** The current scheme. */
  scheme: Scheme;
  /** Only while several schemes are in force: the earlier ones, oldest first (the first from null). */
  earlier?: SchemeEra[];
  /** With `earlier`: the period the current scheme scores from. */
  effectiveFrom?: string | null;
  /** period → unit → [indicator, value, indicator, value, …], in the facts' map order. */
  values: Array<[string, Array<[string, Array<string | number>]>]>;
  adjustments: AdjustmentFact[];
  vetoes: VetoFact[];
  waivers: Array<[string, WaiverFact]>;
  /** `period|cadre` → rater group → [rater, score, …] */
  ratings: Array<[string, Array<[string, Array<string | number>]>]>;
  cadreAdj: CadreAdjFact[];
  published: Array<{ period: string; version: number; at: string }>;
}

/** The ids a CellStore has seen. Private to it: a store without them cannot be snapshotted. */
interface CellIds {
  periodIdx: Map<string, number>;
  indicatorIdx: Map<string, number>;
  unitIdx: Map<string, number>;
}

/**
 * Every reported value, period → unit → [indicator, value, …]. Includes values of units and
 * indicators the current scheme no longer has: a later scheme change may bring them back.
 */
function encodeValues(store: CellStore): Encoded['values'] | null {
  const ids = store as unknown as Partial<CellIds>;
  if (!(ids.periodIdx instanceof Map && ids.indicatorIdx instanceof Map && ids.unitIdx instanceof Map)) return null;
  const out: Encoded['values'] = [];
  for (const period of ids.periodIdx.keys()) {
    const byUnit = new Map<string, Array<string | number>>();
    for (const indicator of ids.indicatorIdx.keys()) {
      const col = store.column(period, indicator);
      if (!col) continue;
      for (const [unit, x] of ids.unitIdx) {
        const t = x < col.tag.length ? col.tag[x] : 0;
        if (!t) continue;
        let flat = byUnit.get(unit);
        if (!flat) byUnit.set(unit, (flat = []));
        flat.push(indicator, t === 1 ? col.num[x]! : col.str.get(x)!);
      }
    }
    if (byUnit.size) out.push([period, [...byUnit]]);
  }
  return out;
}

/**
 * The schemes in force (oldest first), or null when scheme changes in that order, each from its
 * period, would not fold into exactly them (a snapshot of them must then not be kept).
 */
function erasOf(engine: Engine): SchemeEra[] | null {
  const eras = (engine as { schemeEras?: SchemeEra[] }).schemeEras;
  if (!eras || eras.length <= 1) return [{ scheme: engine.scheme, effectiveFrom: null }];
  let folded: SchemeEra[] = [{ scheme: eras[0]!.scheme, effectiveFrom: null }];
  for (const era of eras.slice(1)) folded = liveEras([...folded, { ...era }]).eras;
  const same = folded.length === eras.length && folded.every((f, i) => f.scheme === eras[i]!.scheme && f.effectiveFrom === eras[i]!.effectiveFrom);
  return same ? eras : null;
}

/** The engine's facts as a snapshot row, or null when the engine does not expose its facts. */
export function encodeSnapshot(engine: Engine, schemeSeq: number): SnapshotRow | null {
  const facts = (engine as { facts?: unknown }).facts;
  if (!(facts instanceof Facts)) return null;
  const eras = erasOf(engine);
  if (!eras) return null;
  const values = encodeValues(facts.values);
  if (!values) return null;
  // one event per scheme in force, one per fact
  let count = eras.length + facts.waivers.size + facts.cadreAdj.size;
  for (const [, units] of values) for (const [, flat] of units) count += flat.length / 2;
  const ratings: Encoded['ratings'] = [];
  for (const [k, byGroup] of facts.ratings) {
    const groups: Array<[string, Array<string | number>]> = [];
    for (const [g, byRater] of byGroup) {
      groups.push([g, [...byRater].flat()]);
      count += byRater.size;
    }
    ratings.push([k, groups]);
  }
  for (const a of facts.adjustments.values()) count += a.revoked ? 2 : 1;
  for (const v of facts.vetoes.values()) count += v.revoked ? 2 : 1;
  // Cannot happen for a log folded by Facts (each fact has events of its own), but a snapshot
  // whose events would not fit below its seq must not be kept.
  if (count + facts.published.length > facts.version) return null;
  const e: Encoded = {
    seq: facts.version,
    schemeSeq,
    scheme: facts.scheme,
    ...(eras.length > 1 ? { earlier: eras.slice(0, -1), effectiveFrom: eras[eras.length - 1]!.effectiveFrom } : {}),
    values,
    adjustments: [...facts.adjustments.values()],
    vetoes: [...facts.vetoes.values()],
    waivers: [...facts.waivers],
    ratings,
    cadreAdj: [...facts.cadreAdj.values()],
    published: facts.published,
  };
  return { seq: e.seq, format: SNAPSHOT_FORMAT, data: JSON.stringify(e) };
}

/** Events that fold into the snapshot's facts, numbered strictly upwards and ending at its seq. */
export function decodeSnapshot(row: SnapshotRow): { events: LogEvent[]; schemeSeq: number } {
  const s = JSON.parse(row.data) as Encoded;
  if (s.seq !== row.seq) throw new Error(`snapshot ${row.seq} holds seq ${s.seq}`);
  // Published periods keep their seq and time. The scheme takes the lowest free seq, so that it
  // comes before every publication (as it did in the log); the other events take the highest.
  const earlier = s.earlier ?? [];
  let count = 1 + earlier.length + s.waivers.length + s.cadreAdj.length;
  for (const [, units] of s.values) for (const [, flat] of units) count += flat.length / 2;
  for (const a of s.adjustments) count += a.revoked ? 2 : 1;
  for (const v of s.vetoes) count += v.revoked ? 2 : 1;
  for (const [, groups] of s.ratings) for (const [, flat] of groups) count += flat.length / 2;
  const fixed = new Set(s.published.map((p) => p.version));
  const seqs = new Float64Array(count);
  for (let q = s.seq, k = count - 1; k >= 1; q--) {
    if (q <= 0) throw new Error(`snapshot ${row.seq} does not fit below its seq`);
    if (!fixed.has(q)) seqs[k--] = q;
  }
  let first = 1;
  while (fixed.has(first)) first++;
  if (count > 1 ? first >= seqs[1]! : first > s.seq) throw new Error(`snapshot ${row.seq} does not fit below its seq`);
  seqs[0] = first;
  // With no fact but the scheme, the last seq may belong to an event that left no fact (a value
  // cleared that was never set): the scheme is repeated there, so the version ends at the seq.
  const repeatScheme = count === 1 && first < s.seq && !fixed.has(s.seq);
  const at = s.published[s.published.length - 1]?.at ?? '1970-01-01T00:00:00.000Z';
  const actor = 'snapshot';
  const events: LogEvent[] = [];
  let k = 0;
  const push = (e: Pick<LogEvent, 'type' | 'data'>) => void events.push({ type: e.type, data: e.data, seq: seqs[k++]!, at, actor } as LogEvent);
  push({ type: 'scheme:changed', data: { scheme: earlier[0]?.scheme ?? s.scheme } });
  for (const [period, units] of s.values)
    for (const [unit, flat] of units)
      for (let i = 0; i < flat.length; i += 2) push({ type: 'value:recorded', data: { period, unit, indicator: flat[i] as string, value: flat[i + 1]! } });
  for (const { revoked, ...data } of s.adjustments) {
    push({ type: 'adjustment:recorded', data });
    if (revoked) push({ type: 'adjustment:revoked', data: { id: data.id, reason: '' } });
  }
  for (const { revoked, track, ...data } of s.vetoes) {
    push({ type: 'veto:recorded', data: track === null ? data : { ...data, track } });
    if (revoked) push({ type: 'veto:revoked', data: { id: data.id, reason: '' } });
  }
  for (const [target, w] of s.waivers) push({ type: 'waiver:decided', data: { target, ...w } });
  for (const [key, groups] of s.ratings) {
    // Ids cannot contain '|' (shared/scheme.ts Id).
    const [period, cadre] = key.split('|') as [string, string];
    for (const [raterGroup, flat] of groups)
      for (let i = 0; i < flat.length; i += 2) push({ type: 'rating:recorded', data: { period, cadre, raterGroup, rater: flat[i] as string, score: flat[i + 1] as number } });
  }
  for (const data of s.cadreAdj) push({ type: 'cadre:adjusted', data });
  // The later schemes in force, each from its period, after every fact (they fold the same anywhere).
  const later = [...earlier.slice(1), { scheme: s.scheme, effectiveFrom: s.effectiveFrom ?? null }];
  if (earlier.length) for (const { scheme, effectiveFrom } of later) push({ type: 'scheme:changed', data: effectiveFrom === null ? { scheme } : { scheme, effectiveFrom } });
  for (const p of s.published) events.push({ type: 'period:published', data: { period: p.period, note: '' }, seq: p.version, at: p.at, actor });
  if (repeatScheme) events.push({ type: 'scheme:changed', data: { scheme: s.scheme }, seq: s.seq, at, actor });
  if (s.published.length) events.sort((a, b) => a.seq - b.seq);
  return { events, schemeSeq: s.schemeSeq };
}

export interface Replay {
  /** The engine at `version`, or null when the log holds no scheme yet. */
  engine: Engine | null;
  version: number;
  schemeVersion: number;
  /** The snapshot used (0: none) and how many log events were read after it. */
  from: number;
  tail: number;
}

/**
 * The engine as of `until` (default: the end of the log), from the newest snapshot at or before
 * it and the events after it.
 */
export async function replayLog(storage: Storage, createEngine: EngineFactory, until = Number.MAX_SAFE_INTEGER, log?: (msg: string, err?: unknown) => void): Promise<Replay> {
  let snap: { seq: number; events: LogEvent[]; schemeSeq: number } | null = null;
  try {
    const row = await readSnapshot(storage, READABLE_FORMATS, until);
    if (row) snap = { seq: row.seq, ...decodeSnapshot(row) };
  } catch (err) {
    // A snapshot is only a cache: replay the whole log instead.
    log?.('snapshot unreadable; replaying the whole log', err);
  }
  const tail = await readAllEvents(storage.db, until, snap?.seq ?? 0);
  const events = snap ? snap.events.concat(tail) : tail;
  const first = events.find((e) => e.type === 'scheme:changed');
  const engine = first && first.type === 'scheme:changed' ? createEngine(first.data.scheme, events) : null;
  let schemeVersion = snap?.schemeSeq ?? 0;
  for (const e of tail) if (e.type === 'scheme:changed') schemeVersion = e.seq;
  return { engine, version: events.length ? events[events.length - 1]!.seq : 0, schemeVersion, from: snap?.seq ?? 0, tail: tail.length };
}
