/**
 * The incremental engine. It keeps every active board in display order (the state and its
 * rebuild: engine-state.ts) and, for each event, touches only the cells, units and boards the
 * event can affect (propagated once per batch: propagation.ts), noting each changed field for the diff. Structural events (a board's first or
 * last value, a scheme change) rebuild from the facts and diff the whole standings; the tests
 * prove both paths equal the reference engine. It scores every period with one scheme: a
 * change that takes effect from a later period is handled a level up (era-engine.ts).
 */
import type { EventBody, LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import { compareIds, type Standings, type StandingsDiff } from '../standings.ts';
import { checkEvent } from './check-event.ts';
import { DiffBuilder, diffStandings } from './diff-builder.ts';
import { Propagation } from './propagation.ts';
import type { RankedBoard } from './ranked-board.ts';
import { explainCadre, explainOverall, explainSeason, explainUnit } from './explain.ts';
import type { Facts } from './facts.ts';
import { evaluationOf } from './reference.ts';
import { standingsOf } from './standings-of.ts';
import type { Engine } from './types.ts';

export type { TrackScore } from './engine-state.ts';

export class IncrementalEngine extends Propagation implements Engine {
  /** `facts`: start from these facts (taken over) instead of an empty log. */
  constructor(scheme: Scheme, events: LogEvent[] = [], facts?: Facts) {
    super(scheme, facts);
    if (facts) this.indexFacts();
    let last = 0;
    for (const e of events) {
      if (!(e.seq > last)) throw new Error(`event seq ${e.seq} is not after ${last}`);
      last = e.seq;
      this.index(e);
      this.facts.add(e);
    }
    this.rebuild();
  }

  apply(input: LogEvent | LogEvent[]): StandingsDiff {
    const events = Array.isArray(input) ? input : [input];
    const from = this.version;
    for (const e of events) if (!(e.seq > this.version)) throw new Error(`event seq ${e.seq} is not after version ${this.version}`);
    if (this.needsRebuild(events)) {
      const before = this.standings();
      for (const e of events) {
        this.index(e);
        this.facts.add(e);
      }
      this.rebuild();
      return diffStandings(before, this.standings());
    }
    const diff = (this.diff = new DiffBuilder());
    for (const e of events) {
      this.index(e);
      this.facts.add(e);
      this.applyOne(e);
    }
    this.flush();
    this.finish();
    this.diff = null;
    return diff.build(from, this.version);
  }

  /** True when the batch would make a board appear or disappear (or changes the scheme). */
  private needsRebuild(events: LogEvent[]): boolean {
    const clearing = new Map<TrackStateKey, number>();
    for (const e of events) {
      if (e.type === 'scheme:changed') return true;
      if (e.type !== 'value:recorded' && e.type !== 'value:corrected') continue;
      const at = this.locate(e.data.period, e.data.unit, e.data.indicator);
      if (!at) continue;
      const key: TrackStateKey = `${at.p}|${at.d}`;
      const ts = this.tracks[at.p]![at.d] ?? null;
      if (e.data.value !== null) {
        if (!ts) return true; // the board's first value
      } else if (ts) {
        const n = (clearing.get(key) ?? 0) + 1;
        clearing.set(key, n);
        if (n >= ts.ownCount) return true;
      }
    }
    return false;
  }

  /** Where a value cell lives: period, def, unit's local index, column. */
  locate(period: string, unit: string, indicator: string): { p: number; d: number; i: number; j: number } | null {
    const c = this.c;
    const p = c.periodIdx.get(period);
    const u = c.unitIdx.get(unit);
    const t = c.indTrack.get(indicator);
    if (p === undefined || u === undefined || t === undefined) return null;
    const g = c.unitGroup[u]!;
    if (g < 0) return null;
    const d = c.defOf[t]![g]!;
    if (d < 0) return null;
    const j = c.defs[d]!.colOf.get(indicator);
    return j === undefined ? null : { p, d, i: c.unitLocal[u]!, j };
  }

  /** The id indexes of facts folded elsewhere (what `index` builds event by event). */
  private indexFacts(): void {
    for (const a of this.facts.adjustments.values()) this.index({ type: 'adjustment:recorded', data: a } as unknown as LogEvent);
    for (const v of this.facts.vetoes.values()) this.index({ type: 'veto:recorded', data: v } as unknown as LogEvent);
    for (const a of this.facts.cadreAdj.values()) this.index({ type: 'cadre:adjusted', data: a } as unknown as LogEvent);
  }

  private index(e: LogEvent): void {
    const push = (m: Map<string, string[]>, k: string, id: string) => {
      const l = m.get(k);
      if (!l) m.set(k, [id]);
      else if (!l.includes(id)) l.push(id);
    };
    if (e.type === 'adjustment:recorded') push(this.adjIndex, `${e.data.period}|${e.data.track}|${e.data.unit}`, e.data.id);
    else if (e.type === 'veto:recorded') push(this.vetoIndex, `${e.data.period}|${e.data.unit}`, e.data.id);
    else if (e.type === 'cadre:adjusted') push(this.cadreAdjIndex, `${e.data.period}|${e.data.cadre}`, e.data.id);
  }

  private applyOne(e: LogEvent): void {
    const c = this.c;
    switch (e.type) {
      case 'value:recorded':
      case 'value:corrected':
        return this.applyValue(e.data.period, e.data.unit, e.data.indicator);
      case 'adjustment:recorded':
        return this.refreshUnit(e.data.period, e.data.unit, e.data.track);
      case 'adjustment:revoked':
      case 'veto:revoked':
      case 'waiver:decided': {
        const id = e.type === 'waiver:decided' ? e.data.target : e.data.id;
        const a = this.facts.adjustments.get(id);
        if (a) return this.refreshUnit(a.period, a.unit, a.track);
        const v = this.facts.vetoes.get(id);
        if (v) return this.refreshUnit(v.period, v.unit, v.track);
        return;
      }
      case 'veto:recorded':
        return this.refreshUnit(e.data.period, e.data.unit, e.data.track ?? null);
      case 'rating:recorded':
      case 'cadre:adjusted': {
        const p = c.periodIdx.get(e.data.period);
        const ci = c.cadreIdx.get(e.data.cadre);
        if (p === undefined || ci === undefined) return;
        if (e.type === 'rating:recorded') this.cadres.evaluation[p]![ci] = evaluationOf(c, this.facts, e.data.period, e.data.cadre) ?? NaN;
        this.cadres.mark(p, ci);
        return;
      }
      case 'scheme:changed':
      case 'period:published':
        return;
    }
  }

  private applyValue(period: string, unit: string, indicator: string): void {
    const at = this.locate(period, unit, indicator);
    if (!at) return;
    const { p, d, i, j } = at;
    const ts = this.tracks[p]![d];
    if (!ts) return; // withdrawing a value nobody reported: nothing to do
    const raw = this.facts.values.get(period, unit, indicator);
    const k = i * ts.m + j;
    ts.setOwn(k, raw);
    const carry = ts.def.inds[j]!.missing === 'carry';
    for (let q = p; q < this.c.periodIds.length; q++) {
      const tq = this.tracks[q]![d];
      if (q > p) {
        if (!carry) break;
        if (!tq) continue;
        if (!Number.isNaN(tq.own[k]!)) break;
      }
      if (tq) tq.setValue(i, j, this.effective(q, d, k), (units) => this.markUnits(tq, units));
    }
  }

  /** Recomputes bonus, deductions and veto of one unit on one track (or all its tracks). */
  private refreshUnit(period: string, unit: string, track: string | null): void {
    const c = this.c;
    const p = c.periodIdx.get(period);
    const u = c.unitIdx.get(unit);
    if (p === undefined || u === undefined || c.unitGroup[u]! < 0) return;
    const g = c.unitGroup[u]!;
    c.trackIds.forEach((tid, t) => {
      if (track !== null && tid !== track) return;
      const d = c.defOf[t]![g]!;
      const ts = d >= 0 ? this.tracks[p]![d] : null;
      if (ts) this.markUnits(ts, [c.unitLocal[u]!]);
    });
  }

  explainUnit(period: string, track: string, unit: string) {
    return explainUnit(this, period, track, unit);
  }

  explainOverall(period: string | null, unit: string) {
    return explainOverall(this, period, unit);
  }

  explainSeason(track: string, unit: string) {
    return explainSeason(this, track, unit);
  }

  explainCadre(period: string, cadre: string) {
    return explainCadre(this, period, cadre);
  }

  reportedValue(period: string, unit: string, indicator: string): number | string | null {
    return this.facts.values.get(period, unit, indicator) ?? null;
  }

  checkEvent(event: EventBody) {
    return checkEvent(this, event);
  }

  published() {
    return this.facts.published.map((x) => ({ ...x }));
  }

  standings(): Standings {
    return standingsOf(this);
  }

  boardScores(key: string): number[] | null {
    const b = this.boardsByKey.get(key);
    if (!b) return null;
    let perm = idOrder.get(b);
    if (!perm) idOrder.set(b, (perm = Int32Array.from(b.ids.keys()).sort((x, y) => compareIds(b.ids[x]!, b.ids[y]!))));
    const out = new Array<number>(perm.length);
    for (let k = 0; k < perm.length; k++) out[k] = b.score[perm[k]!]! / 10_000;
    return out;
  }
}

/** Each board's entries in row-id order (`compareIds`), built on first use: a board's ids never change. */
const idOrder = new WeakMap<RankedBoard, Int32Array>();

type TrackStateKey = `${number}|${number}`;

