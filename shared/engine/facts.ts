/**
 * Facts: what the events established, independent of any scheme (so a scheme change can be
 * re-scored from the same facts). Both engines fold events into Facts the same way.
 */
import type { LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';


export interface AdjustmentFact {
  id: string;
  period: string;
  unit: string;
  track: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
  evidence: string[];
  revoked: boolean;
}

export interface VetoFact {
  id: string;
  period: string;
  unit: string;
  track: string | null;
  reason: string;
  evidence: string[];
  revoked: boolean;
}

export interface WaiverFact {
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified';
  points: number | undefined;
  reference: string;
  reasoning: string;
}

export interface CadreAdjFact {
  id: string;
  period: string;
  cadre: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
}

/** One (period, indicator) column of reported values over the units seen so far (index = the store's unit index). */
export interface Column {
  /** 0: no value, 1: a number in `num`, 2: a string in `str`. */
  readonly tag: Uint8Array;
  readonly num: Float64Array;
  readonly str: Map<number, string>;
}

/**
 * Reported values, column-wise: each (period, indicator) has a typed column over every unit the
 * store has seen, so a rebuild reads them as arrays instead of walking 10^6 map entries, and the
 * garbage collector has a few large arrays to look at instead of as many small objects.
 */
export class CellStore {
  private readonly periodIdx = new Map<string, number>();
  private readonly indicatorIdx = new Map<string, number>();
  private readonly unitIdx = new Map<string, number>();
  /** [period][indicator] */
  private readonly cols: Array<Array<Column | undefined>> = [];
  private capacity = 64;

  /** The store's index of a unit, or undefined when no value for it was ever reported. */
  unitIndex(unit: string): number | undefined {
    return this.unitIdx.get(unit);
  }

  column(period: string, indicator: string): Column | undefined {
    const p = this.periodIdx.get(period);
    const i = this.indicatorIdx.get(indicator);
    return p === undefined || i === undefined ? undefined : this.cols[p]![i];
  }

  get(period: string, unit: string, indicator: string): number | string | undefined {
    const col = this.column(period, indicator);
    const u = this.unitIdx.get(unit);
    if (!col || u === undefined || u >= col.tag.length) return undefined;
    const t = col.tag[u];
    return t === 1 ? col.num[u] : t === 2 ? col.str.get(u) : undefined;
  }
  has(period: string, unit: string, indicator: string): boolean {
    return this.get(period, unit, indicator) !== undefined;
  }
  set(period: string, unit: string, indicator: string, value: number | string): void {
    let u = this.unitIdx.get(unit);
    if (u === undefined) this.unitIdx.set(unit, (u = this.unitIdx.size));
    while (u >= this.capacity) this.capacity *= 2;
    const p = index(this.periodIdx, period);
    const i = index(this.indicatorIdx, indicator);
    const row = (this.cols[p] ??= []);
    let col = row[i];
    if (!col || col.tag.length <= u) row[i] = col = grow(col, this.capacity);
    if (typeof value === 'number') {
      if (col.tag[u] === 2) col.str.delete(u);
      col.tag[u] = 1;
      col.num[u] = value;
    } else {
      col.tag[u] = 2;
      col.str.set(u, value);
    }
  }
  /** An independent copy (another engine's facts under another scheme). */
  clone(): CellStore {
    const out = new CellStore();
    for (const [k, v] of this.periodIdx) out.periodIdx.set(k, v);
    for (const [k, v] of this.indicatorIdx) out.indicatorIdx.set(k, v);
    for (const [k, v] of this.unitIdx) out.unitIdx.set(k, v);
    out.capacity = this.capacity;
    for (const row of this.cols) out.cols.push(row.map((col) => col && { tag: col.tag.slice(), num: col.num.slice(), str: new Map(col.str) }));
    return out;
  }
  delete(period: string, unit: string, indicator: string): void {
    const col = this.column(period, indicator);
    const u = this.unitIdx.get(unit);
    if (!col || u === undefined || u >= col.tag.length) return;
    if (col.tag[u] === 2) col.str.delete(u);
    col.tag[u] = 0;
  }
}

function index(m: Map<string, number>, k: string): number {
  let x = m.get(k);
  if (x === undefined) m.set(k, (x = m.size));
  return x;
}

function grow(col: Column | undefined, size: number): Column {
  const out: Column = { tag: new Uint8Array(size), num: new Float64Array(size), str: col?.str ?? new Map() };
  if (col) {
    out.tag.set(col.tag);
    out.num.set(col.num);
  }
  return out;
}

export class Facts {
  scheme: Scheme;
  /** The values as reported (the log keeps who, when and where from). */
  values = new CellStore();
  adjustments = new Map<string, AdjustmentFact>();
  vetoes = new Map<string, VetoFact>();
  waivers = new Map<string, WaiverFact>();
  /** `${period}|${cadre}` → raterGroup → rater → score */
  ratings = new Map<string, Map<string, Map<string, number>>>();
  cadreAdj = new Map<string, CadreAdjFact>();
  published: Array<{ period: string; version: number; at: string }> = [];
  version = 0;

  constructor(scheme: Scheme) {
    this.scheme = scheme;
  }

  /** The same facts under another scheme, sharing nothing mutable with these. */
  withScheme(scheme: Scheme): Facts {
    const f = new Facts(scheme);
    f.values = this.values.clone();
    for (const [k, a] of this.adjustments) f.adjustments.set(k, { ...a });
    for (const [k, v] of this.vetoes) f.vetoes.set(k, { ...v });
    for (const [k, w] of this.waivers) f.waivers.set(k, { ...w });
    for (const [k, byGroup] of this.ratings) f.ratings.set(k, new Map([...byGroup].map(([g, r]) => [g, new Map(r)])));
    for (const [k, a] of this.cadreAdj) f.cadreAdj.set(k, { ...a });
    f.published = this.published.map((x) => ({ ...x }));
    f.version = this.version;
    return f;
  }

  /** Folds one event in. Returns what it touched, for incremental engines. */
  add(e: LogEvent): void {
    this.version = e.seq;
    switch (e.type) {
      case 'value:recorded':
      case 'value:corrected': {
        const { period, unit, indicator, value } = e.data;
        if (value === null) this.values.delete(period, unit, indicator);
        else this.values.set(period, unit, indicator, value);
        return;
      }
      case 'adjustment:recorded':
        this.adjustments.set(e.data.id, { ...e.data, revoked: false });
        return;
      case 'adjustment:revoked': {
        const a = this.adjustments.get(e.data.id);
        if (a) a.revoked = true;
        return;
      }
      case 'veto:recorded':
        this.vetoes.set(e.data.id, { ...e.data, track: e.data.track ?? null, revoked: false });
        return;
      case 'veto:revoked': {
        const v = this.vetoes.get(e.data.id);
        if (v) v.revoked = true;
        return;
      }
      case 'waiver:decided':
        this.waivers.set(e.data.target, {
          decision: e.data.decision,
          points: e.data.points,
          reference: e.data.reference,
          reasoning: e.data.reasoning,
        });
        return;
      case 'rating:recorded': {
        const k = `${e.data.period}|${e.data.cadre}`;
        let byGroup = this.ratings.get(k);
        if (!byGroup) this.ratings.set(k, (byGroup = new Map()));
        let byRater = byGroup.get(e.data.raterGroup);
        if (!byRater) byGroup.set(e.data.raterGroup, (byRater = new Map()));
        byRater.set(e.data.rater, e.data.score);
        return;
      }
      case 'cadre:adjusted':
        this.cadreAdj.set(e.data.id, { ...e.data });
        return;
      case 'scheme:changed':
        this.scheme = e.data.scheme;
        return;
      case 'period:published':
        this.published.push({ period: e.data.period, version: e.seq, at: e.at });
        return;
    }
  }

  /** Points of a deduction still counted after waivers (1 = whole, 0 = waived). */
  waivedPoints(a: AdjustmentFact): number {
    const w = this.waivers.get(a.id);
    if (!w || a.kind !== 'deduction') return 0;
    if (w.decision === 'accepted' || w.decision === 'clarified') return a.points;
    if (w.decision === 'partial') return Math.min(w.points ?? 0, a.points);
    return 0;
  }

  vetoLifted(v: VetoFact): boolean {
    const w = this.waivers.get(v.id);
    return !!w && (w.decision === 'accepted' || w.decision === 'clarified');
  }
}
