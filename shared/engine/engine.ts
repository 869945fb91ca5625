/**
 * The incremental engine. It keeps every active board in display order and, for each event,
 * touches only the cells, units and boards the event can affect, writing each changed field to a
 * diff. Structural events (a board's first or last value, a scheme change) rebuild from the facts
 * and diff the whole standings; the tests prove both paths equal the reference engine.
 */
import type { EventBody, LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import type { CadreBoard, Standings, StandingsDiff } from '../standings.ts';
import { boardKey, cadreBoardKey, rankCadreBoards } from '../standings.ts';
import { fillAll, overallOf, seasonAllOf, seasonOf } from './aggregates.ts';
import type { CadreSources } from './cadre-state.ts';
import { CadreState } from './cadre-state.ts';
import { checkEvent } from './check-event.ts';
import type { CDef, Compiled } from './compile.ts';
import { compile } from './compile.ts';
import { DiffBuilder, diffStandings } from './diff-builder.ts';
import { explainCadre, explainOverall, explainSeason, explainUnit } from './explain.ts';
import { Facts } from './facts.ts';
import { fx } from './fixed.ts';
import type { BulkContext } from './ranked-board.ts';
import type { CodeOrder } from './ranked-board.ts';
import { codeOrder, RankedBoard } from './ranked-board.ts';
import type { CadreInputs } from './reference.ts';
import { cadreAdjustmentSums, evaluationFrom, evaluationOf } from './reference.ts';
import { TrackState } from './track-state.ts';
import type { Engine } from './types.ts';

/** An engine at the version of the last event given: folds the log into facts and builds once. */
export function createEngine(scheme: Scheme, events: LogEvent[] = []): Engine {
  return new IncrementalEngine(scheme, events);
}

export class IncrementalEngine implements Engine {
  readonly facts: Facts;
  c!: Compiled;
  /** [period][def] */
  tracks!: Array<Array<TrackState | null>>;
  /** [period][group] */
  overall!: Array<Array<RankedBoard | null>>;
  /** [def] */
  season!: Array<RankedBoard | null>;
  /** [group] */
  seasonAll!: Array<RankedBoard | null>;
  /** Cadre scores per period, and the cadres queued for a refresh. */
  cadres!: CadreState;
  private sources!: CadreSources;
  /** Cadre board keys by [period][cadre group]. */
  private cadreKeys: string[][] = [];
  /** Each period and track board's series (same kind and group across periods). */
  private series = new Map<RankedBoard, RankedBoard[]>();
  /** `${period}|${track}|${unit}` → adjustment ids; `${period}|${unit}` → veto ids; `${period}|${cadre}` → cadre adjustment ids. */
  adjIndex = new Map<string, string[]>();
  vetoIndex = new Map<string, string[]>();
  cadreAdjIndex = new Map<string, string[]>();
  private touched = new Set<RankedBoard>();
  /** Code order of each group's members, shared by the group's boards (made per rebuild). */
  private codes: CodeOrder[] = [];
  private diff: DiffBuilder | null = null;

  constructor(scheme: Scheme, events: LogEvent[] = []) {
    this.facts = new Facts(scheme);
    let last = 0;
    for (const e of events) {
      if (!(e.seq > last)) throw new Error(`event seq ${e.seq} is not after ${last}`);
      last = e.seq;
      this.index(e);
      this.facts.add(e);
    }
    this.rebuild();
  }

  get scheme(): Scheme {
    return this.facts.scheme;
  }
  get version(): number {
    return this.facts.version;
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

  /** Every cell's scored value (own, or carried for `carry` indicators) after a rebuild filled the own values. */
  private fillValues(p: number, ts: TrackState): void {
    const { m, def, own, val } = ts;
    for (let j = 0; j < m; j++) {
      const carry = def.inds[j]!.missing === 'carry';
      for (let k = j; k < val.length; k += m) val[k] = carry ? this.effective(p, def.index, k) : own[k]!;
    }
  }

  private effective(q: number, d: number, k: number): number {
    const carry = this.c.defs[d]!.inds[k % this.c.defs[d]!.inds.length]!.missing === 'carry';
    for (let r = q; r >= 0; r--) {
      const t = this.tracks[r]![d];
      if (t && !Number.isNaN(t.own[k]!)) return t.own[k]!;
      if (!carry) break;
    }
    return NaN;
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

  /**
   * Propagation is deferred to the end of a batch: cells change at once, then every unit whose
   * track score may have moved, and every cadre above it, is refreshed once with the final cells.
   */
  private dirtyUnits = new Map<TrackState, Set<number>>();

  private markUnits(ts: TrackState, units: number[]): void {
    let set = this.dirtyUnits.get(ts);
    if (!set) this.dirtyUnits.set(ts, (set = new Set()));
    for (const u of units) set.add(u);
  }

  private flush(): void {
    for (const [ts, set] of this.dirtyUnits) this.refreshTrackUnits(ts.p, ts.def.index, [...set]);
    this.dirtyUnits.clear();
    const diff = this.diff;
    this.cadres.refresh(this.sources, diff && ((p, ci, s) => diff.cadre(this.cadreKeys[p]![this.c.cadreGroupOf[ci]!]!, this.c.cadreIds[ci]!, s / 10_000)));
  }

  /** Many units at once (a group column moved): boards record them and sort once at the end. */
  private refreshTrackUnits(p: number, d: number, units: number[]): void {
    if (units.length < BULK_FROM) {
      for (const u of units) this.refreshTrackUnit(p, d, u);
      return;
    }
    this.bulk.bulk = true;
    for (const u of units) this.refreshTrackUnit(p, d, u);
    this.bulk.bulk = false;
    for (const b of this.bulk.boards) b.settle(this.diff);
    this.bulk.boards.clear();
  }

  private readonly bulk: BulkContext = { bulk: false, boards: new Set() };

  /** Track score of unit i on board (p, d): sets it and propagates to every board built on it. */
  refreshTrackUnit(p: number, d: number, i: number): void {
    const ts = this.tracks[p]![d]!;
    const s = this.scoreParts(ts, i);
    const b = ts.board;
    // queued even when the score stands: a 序时进度 light can change with the value alone
    this.touched.add(b);
    const has = ts.dataCount[i]! > 0 ? 1 : 0;
    if (b.score[i] === s.score && b.vetoed[i] === s.vetoed && b.hasData[i] === has) return;
    b.set(i, s.score, s.vetoed, has, this.diff);
    const def = this.c.defs[d]!;
    this.refreshOverall(p, def.group, i);
    this.refreshSeason(d, i);
    this.cadres.markAbove(p, def.units[i]!, def.track);
  }

  /** The parts of entry i's track score (a copy, for explanations). */
  trackScoreOf(ts: TrackState, i: number): TrackScore {
    return { ...this.scoreParts(ts, i) };
  }

  /** Track score of entry i: Σ points (scaled) + capped bonus − deductions; written to one reused object. */
  private scoreParts(ts: TrackState, i: number): TrackScore {
    const c = this.c;
    const track = c.scheme.tracks[ts.def.track]!;
    let bonus = 0;
    let ded = 0;
    let vetoed = 0;
    // (the lookups build key strings, so they are skipped while no adjustment or veto exists)
    if (this.adjIndex.size || this.vetoIndex.size) {
      const pid = c.periodIds[ts.p]!;
      const tid = c.trackIds[ts.def.track]!;
      const uid = c.unitIds[ts.def.units[i]!]!;
      for (const id of this.adjIndex.get(`${pid}|${tid}|${uid}`) ?? NONE) {
        const a = this.facts.adjustments.get(id)!;
        if (a.revoked) continue;
        if (a.kind === 'bonus') bonus += fx(a.points);
        else ded += fx(a.points) - fx(this.facts.waivedPoints(a));
      }
      for (const id of this.vetoIndex.get(`${pid}|${uid}`) ?? NONE) {
        const v = this.facts.vetoes.get(id)!;
        if (!v.revoked && !this.facts.vetoLifted(v) && (v.track === null || v.track === tid)) vetoed = 1;
      }
    }
    bonus = Math.min(bonus, fx(track.bonusCap));
    if (track.deductionCap !== undefined) ded = Math.min(ded, fx(track.deductionCap));
    const sum = ts.ptsSum[i]!;
    const scale = ts.scale(i);
    const o = this.parts;
    o.score = sum + scale + bonus - ded;
    o.vetoed = vetoed;
    o.bonus = bonus;
    o.deduction = ded;
    o.sum = sum;
    o.scale = scale;
    return o;
  }
  private readonly parts: TrackScore = { score: 0, vetoed: 0, bonus: 0, deduction: 0, sum: 0, scale: 0 };

  private refreshOverall(p: number, g: number, i: number): void {
    const b = this.overall[p]![g];
    if (!b) return;
    const x = overallOf(this, p, g, i);
    if (b.score[i] === x.score && b.vetoed[i] === x.vetoed && b.hasData[i] === x.hasData) return;
    const moved = b.score[i] !== x.score;
    b.set(i, x.score, x.vetoed, x.hasData, this.diff);
    this.touched.add(b);
    if (moved) this.cadres.markFallback(p, this.c.members[g]![i]!);
  }

  private refreshSeason(d: number, i: number): void {
    const b = this.season[d];
    if (!b) return;
    const x = seasonOf(this, d, i);
    if (b.score[i] === x.score && b.vetoed[i] === x.vetoed && b.hasData[i] === x.hasData) return;
    b.set(i, x.score, x.vetoed, x.hasData, this.diff);
    this.touched.add(b);
    const g = this.c.defs[d]!.group;
    const a = this.seasonAll[g];
    if (!a) return;
    const y = seasonAllOf(this, g, i);
    a.set(i, y.score, y.vetoed, y.hasData, this.diff);
    this.touched.add(a);
  }

  private inputs: CadreInputs | null = null;
  /** How cadre scores read this engine's boards (made once per rebuild). */
  cadreInputs(): CadreInputs {
    if (this.inputs) return this.inputs;
    const c = this.c;
    return (this.inputs = {
      trackScore: (p, t, u) => {
        const g = c.unitGroup[u]!;
        const d = g >= 0 ? c.defOf[t]![g]! : -1;
        const ts = d >= 0 ? this.tracks[p]![d] : null;
        return ts ? ts.board.score[c.unitLocal[u]!] : undefined;
      },
      overallScore: (p, u) => {
        const g = c.unitGroup[u]!;
        const b = g >= 0 ? this.overall[p]![g] : null;
        return b ? b.score[c.unitLocal[u]!] : undefined;
      },
      evaluation: (p, ci) => {
        const e = this.cadres.evaluation[p]![ci]!;
        return Number.isNaN(e) ? null : e;
      },
      adjustments: (p, ci) => {
        if (!this.cadreAdjIndex.size) return NO_ADJUSTMENTS;
        const ids = this.cadreAdjIndex.get(`${c.periodIds[p]!}|${c.cadreIds[ci]!}`);
        return ids ? cadreAdjustmentSums(ids.map((id) => this.facts.cadreAdj.get(id)!)) : NO_ADJUSTMENTS;
      },
    });
  }

  /** Rater evaluation E per [period][cadre] (NaN: nobody rated); they change only with ratings. */
  private buildEvaluations(): void {
    const c = this.c;
    for (const [key, byGroup] of this.facts.ratings) {
      const cut = key.indexOf('|');
      const p = c.periodIdx.get(key.slice(0, cut));
      const ci = c.cadreIdx.get(key.slice(cut + 1));
      if (p !== undefined && ci !== undefined) this.cadres.evaluation[p]![ci] = evaluationFrom(c, byGroup) ?? NaN;
    }
  }

  /** After a batch: derived fields, rank changes into the next period, warnings. */
  private finish(): void {
    const boards = [...this.touched];
    this.touched.clear();
    for (const b of boards) b.derive(this.diff);
    for (const b of boards) {
      const series = this.series.get(b);
      if (series) {
        const at = series.indexOf(b);
        const next = series[at + 1];
        if (next) for (const li of b.rankMoved) next.setPrevRank(li, b.rank[li]!, this.diff);
        if (b.flagsChanged) this.refreshWarnings(series, at);
      }
      b.rankMoved.clear();
    }
  }

  /** Caches, for every period board, the active boards of its kind and group in period order. */
  private buildSeries(): void {
    this.series.clear();
    const add = (list: Array<RankedBoard | null | undefined>) => {
      const l = list.filter((x): x is RankedBoard => !!x);
      l.forEach((b, k) => {
        this.series.set(b, l);
        b.tracksMoves = k < l.length - 1;
      });
    };
    this.c.defs.forEach((def) => add(this.tracks.map((row) => row[def.index]?.board)));
    this.c.groupIds.forEach((_, g) => add(this.overall.map((row) => row[g])));
  }

  /** 约谈: yellow flag in `warningAfter` consecutive active periods, for boards from `from` on. */
  refreshWarnings(series: RankedBoard[], from: number, to = from + this.c.rules.warningAfter): void {
    const k = this.c.rules.warningAfter;
    for (let s = from; s < Math.min(series.length, to); s++) {
      const b = series[s]!;
      for (let i = 0; i < b.n; i++) {
        let w = s - k + 1 >= 0 ? 1 : 0;
        for (let r = s; w && r > s - k; r--) if (series[r]!.flag[i] !== 2) w = 0;
        b.setWarning(i, w, this.diff);
      }
    }
  }

  /** Builds every structure from the facts (start, scheme change, a board appearing or going). */
  rebuild(): void {
    const c = (this.c = compile(this.facts.scheme));
    this.inputs = null;
    this.codes = [];
    this.cadres = new CadreState(c);
    this.buildEvaluations();
    this.cadreKeys = c.periodIds.map((p) => c.cadreGroupIds.map((g) => cadreBoardKey(p, g)));
    const P = c.periodIds.length;
    this.tracks = c.periodIds.map(() => c.defs.map(() => null));
    this.fillReported();
    for (let p = 0; p < P; p++) {
      for (const ts of this.tracks[p]!) {
        if (!ts) continue;
        this.fillValues(p, ts);
        ts.scoreAll();
        for (let i = 0; i < ts.n; i++) {
          const s = this.scoreParts(ts, i);
          ts.board.score[i] = s.score;
          ts.board.vetoed[i] = s.vetoed;
          ts.board.hasData[i] = ts.dataCount[i]! > 0 ? 1 : 0;
        }
        ts.board.sortAll();
      }
    }
    this.buildAggregates();
    this.buildCadres();
    this.buildSeries();
    const all: RankedBoard[] = [];
    for (const row of this.tracks) for (const ts of row) if (ts) all.push(ts.board);
    for (const row of this.overall) for (const b of row) if (b) all.push(b);
    for (const b of [...this.season, ...this.seasonAll]) if (b) all.push(b);
    for (const b of all) {
      b.touch();
      b.derive(null);
      b.rankMoved.clear();
    }
    for (const series of new Set(this.series.values())) {
      series.forEach((b, at) => {
        const prev = series[at - 1];
        if (prev) for (let i = 0; i < b.n; i++) b.setPrevRank(i, prev.rank[i]!, null);
      });
      this.refreshWarnings(series, 0, series.length);
    }
  }

  /** A board's cells, created when the first reported value for it is found. */
  private trackState(p: number, def: CDef): TrackState {
    const existing = this.tracks[p]![def.index];
    if (existing) return existing;
    const c = this.c;
    const key = boardKey({ kind: 'track', period: c.periodIds[p]!, track: c.trackIds[def.track]!, group: c.groupIds[def.group]! });
    const period = c.scheme.season.periods[p]!;
    const ts: TrackState = new TrackState(c, def, p, this.unitBoard(key, 'track', def.group, {
      rule: def.light,
      progress: (i) => (def.progressCol >= 0 ? ts.val[i * def.inds.length + def.progressCol]! : NaN),
      expected: period.expectedProgress,
    }));
    return (this.tracks[p]![def.index] = ts);
  }

  /** Puts every reported value of the facts into its board's cells (boards appear with their first value). */
  private fillReported(): void {
    const c = this.c;
    const values = this.facts.values;
    // compiled unit → the store's unit index (−1: nothing reported for it)
    const fu = new Int32Array(c.unitIds.length);
    for (let u = 0; u < fu.length; u++) fu[u] = values.unitIndex(c.unitIds[u]!) ?? -1;
    for (let p = 0; p < c.periodIds.length; p++) {
      const pid = c.periodIds[p]!;
      for (const def of c.defs) {
        let ts: TrackState | null = null;
        const m = def.inds.length;
        for (let j = 0; j < m; j++) {
          const col = values.column(pid, def.inds[j]!.code);
          if (!col) continue;
          for (let i = 0; i < def.units.length; i++) {
            const x = fu[def.units[i]!]!;
            const t = x >= 0 && x < col.tag.length ? col.tag[x]! : 0;
            if (t === 0) continue;
            ts ??= this.trackState(p, def);
            ts.setOwn(i * m + j, t === 1 ? col.num[x]! : col.str.get(x)!);
          }
        }
      }
    }
  }

  private unitBoard(key: string, kind: RankedBoard['kind'], g: number, light?: ConstructorParameters<typeof RankedBoard>[0]['light']): RankedBoard {
    const c = this.c;
    const members = c.members[g]!;
    return new RankedBoard({
      bulk: this.bulk,
      key,
      kind,
      ids: members.map((u) => c.unitIds[u]!),
      codes: (this.codes[g] ??= codeOrder(members.map((u) => c.unitOrd[u]!))),
      bands: c.bands,
      rules: c.rules,
      light,
    });
  }

  private buildAggregates(): void {
    const c = this.c;
    const P = c.periodIds.length;
    this.overall = [];
    for (let p = 0; p < P; p++) {
      this.overall.push(
        c.groupIds.map((gid, g) => {
          const any = c.trackIds.some((_, t) => c.defOf[t]![g]! >= 0 && this.tracks[p]![c.defOf[t]![g]!]);
          return any ? this.unitBoard(boardKey({ kind: 'overall', period: c.periodIds[p]!, track: null, group: gid }), 'overall', g) : null;
        }),
      );
    }
    this.season = c.defs.map((def) =>
      this.tracks.some((row) => row[def.index])
        ? this.unitBoard(boardKey({ kind: 'season', period: null, track: c.trackIds[def.track]!, group: c.groupIds[def.group]! }), 'season', def.group)
        : null,
    );
    this.seasonAll = c.groupIds.map((gid, g) =>
      c.trackIds.some((_, t) => c.defOf[t]![g]! >= 0 && this.season[c.defOf[t]![g]!])
        ? this.unitBoard(boardKey({ kind: 'season-overall', period: null, track: null, group: gid }), 'season-overall', g)
        : null,
    );
    for (let p = 0; p < P; p++) c.groupIds.forEach((_, g) => fillAll(this.overall[p]![g], (i) => overallOf(this, p, g, i)));
    c.defs.forEach((def) => fillAll(this.season[def.index], (i) => seasonOf(this, def.index, i)));
    c.groupIds.forEach((_, g) => fillAll(this.seasonAll[g], (i) => seasonAllOf(this, g, i)));
  }

  private buildCadres(): void {
    this.sources = {
      tracks: this.tracks,
      overall: this.overall,
      adjustments: (p, ci) => {
        if (!this.cadreAdjIndex.size) return null;
        const ids = this.cadreAdjIndex.get(`${this.c.periodIds[p]!}|${this.c.cadreIds[ci]!}`);
        return ids ? cadreAdjustmentSums(ids.map((id) => this.facts.cadreAdj.get(id)!)) : null;
      },
    };
    this.cadres.computeAll(this.sources);
  }

  standings(): Standings {
    const boards: Standings['boards'] = {};
    const emit = (b: RankedBoard | null | undefined) => {
      if (!b) return;
      const rows: Standings['boards'][string]['rows'] = {};
      for (let i = 0; i < b.n; i++) rows[b.ids[i]!] = b.row(i);
      const ref = refOf(b.key);
      boards[b.key] = { ref, rows };
    };
    for (const row of this.tracks) for (const ts of row) emit(ts?.board);
    for (const row of this.overall) for (const b of row) emit(b);
    for (const b of this.season) emit(b);
    for (const b of this.seasonAll) emit(b);
    const c = this.c;
    const cadres: Record<string, CadreBoard> = {};
    c.periodIds.forEach((period, p) => {
      const has = this.cadres.has[p]!;
      for (let ci = 0; ci < has.length; ci++) {
        if (!has[ci]) continue;
        const cadreGroup = c.cadreGroupIds[c.cadreGroupOf[ci]!]!;
        const b = (cadres[cadreBoardKey(period, cadreGroup)] ??= { period, periodIndex: p, cadreGroup, rows: {} });
        b.rows[c.cadreIds[ci]!] = { score: this.cadres.score[p]![ci]! / 10_000, rank: 0, prevRank: null, change: null };
      }
    });
    rankCadreBoards(cadres);
    return { version: this.version, boards, cadres };
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
  checkEvent(event: EventBody) {
    return checkEvent(this, event);
  }
  published() {
    return this.facts.published.map((x) => ({ ...x }));
  }
}

type TrackStateKey = `${number}|${number}`;

/** A unit's track score and its parts (1e-4 units). */
export interface TrackScore {
  score: number;
  vetoed: number;
  bonus: number;
  deduction: number;
  sum: number;
  scale: number;
}

const NO_ADJUSTMENTS = { bonus: 0, deduction: 0 };
const NONE: readonly string[] = [];
/** From this many units changed by one value, boards sort once instead of moving each unit. */
const BULK_FROM = 8;

function refOf(key: string) {
  const [kind, p, t, g] = key.split('|') as [Standings['boards'][string]['ref']['kind'], string, string, string];
  return { kind, period: p === '*' ? null : p, track: t === '*' ? null : t, group: g };
}
