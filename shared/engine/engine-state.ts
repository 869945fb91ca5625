/**
 * The state of the incremental engine and how it is built from the facts: every active board in
 * display order, the cells under the track boards, the aggregates and the cadre scores. A rebuild
 * (start, scheme change, a board appearing or going) makes it all from scratch; `IncrementalEngine`
 * (engine.ts) then keeps it current event by event.
 */
import type { Scheme } from '../scheme.ts';
import { boardKey, cadreBoardKey } from '../standings.ts';
import { fillAll, overallOf, seasonAllOf, seasonOf } from './aggregates.ts';
import type { CadreSources } from './cadre-state.ts';
import { CadreState } from './cadre-state.ts';
import type { CDef, Compiled } from './compile.ts';
import { compile } from './compile.ts';
import type { DiffBuilder } from './diff-builder.ts';
import { Facts } from './facts.ts';
import { fx } from './fixed.ts';
import type { CodeOrder } from './board-order.ts';
import { codeOrder } from './board-order.ts';
import type { BulkContext } from './ranked-board.ts';
import { RankedBoard } from './ranked-board.ts';
import { cadreAdjustmentSums, evaluationFrom } from './reference.ts';
import { TrackState } from './track-state.ts';

/** A unit's track score and its parts (1e-4 units). */
export interface TrackScore {
  score: number;
  vetoed: number;
  bonus: number;
  deduction: number;
  sum: number;
  scale: number;
}

export class EngineState {
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
  protected sources!: CadreSources;
  /** Cadre board keys by [period][cadre group]. */
  protected cadreKeys: string[][] = [];
  /** Each period and track board's series (same kind and group across periods). */
  protected series = new Map<RankedBoard, RankedBoard[]>();
  /** `${period}|${track}|${unit}` → adjustment ids; `${period}|${unit}` → veto ids; `${period}|${cadre}` → cadre adjustment ids. */
  adjIndex = new Map<string, string[]>();
  vetoIndex = new Map<string, string[]>();
  cadreAdjIndex = new Map<string, string[]>();
  /** Boards changed in the current batch (derived fields to refresh at its end). */
  protected touched = new Set<RankedBoard>();

  /** Code order of each group's members, shared by the group's boards (made per rebuild). */
  protected codes: CodeOrder[] = [];
  /** The diff being collected while a batch is applied (null while rebuilding). */
  protected diff: DiffBuilder | null = null;

  /** `facts`: start from facts folded elsewhere (taken over, not copied). */
  constructor(scheme: Scheme, facts?: Facts) {
    this.facts = facts ?? new Facts(scheme);
  }

  get scheme(): Scheme {
    return this.facts.scheme;
  }

  get version(): number {
    return this.facts.version;
  }

  /** Every cell's scored value (own, or carried for `carry` indicators) after a rebuild filled the own values. */
  protected fillValues(p: number, ts: TrackState): void {
    const { m, def, own, val } = ts;
    for (let j = 0; j < m; j++) {
      const carry = def.inds[j]!.missing === 'carry';
      for (let k = j; k < val.length; k += m) val[k] = carry ? this.effective(p, def.index, k) : own[k]!;
    }
  }

  protected effective(q: number, d: number, k: number): number {
    const carry = this.c.defs[d]!.inds[k % this.c.defs[d]!.inds.length]!.missing === 'carry';
    for (let r = q; r >= 0; r--) {
      const t = this.tracks[r]![d];
      if (t && !Number.isNaN(t.own[k]!)) return t.own[k]!;
      if (!carry) break;
    }
    return NaN;
  }

  protected readonly bulk: BulkContext = { bulk: false, boards: new Set() };
  /** Every unit board by key (the latest built; cleared by a rebuild). */
  protected readonly boardsByKey = new Map<string, RankedBoard>();

  /** The parts of entry i's track score (a copy, for explanations). */
  trackScoreOf(ts: TrackState, i: number): TrackScore {
    return { ...this.scoreParts(ts, i) };
  }

  /** Track score of entry i: Σ points (scaled) + capped bonus − deductions; written to one reused object. */
  protected scoreParts(ts: TrackState, i: number): TrackScore {
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

  protected readonly parts: TrackScore = { score: 0, vetoed: 0, bonus: 0, deduction: 0, sum: 0, scale: 0 };
  /** Rater evaluation E per [period][cadre] (NaN: nobody rated); they change only with ratings. */
  protected buildEvaluations(): void {
    const c = this.c;
    for (const [key, byGroup] of this.facts.ratings) {
      const cut = key.indexOf('|');
      const p = c.periodIdx.get(key.slice(0, cut));
      const ci = c.cadreIdx.get(key.slice(cut + 1));
      if (p !== undefined && ci !== undefined) this.cadres.evaluation[p]![ci] = evaluationFrom(c, byGroup) ?? NaN;
    }
  }

  /** Caches, for every period board, the active boards of its kind and group in period order. */
  protected buildSeries(): void {
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
    this.boardsByKey.clear();
    const c = (this.c = compile(this.facts.scheme));
    this.codes = [];
    this.cadres = new CadreState(c, this.cadres as CadreState | undefined);
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
  protected trackState(p: number, def: CDef): TrackState {
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
  protected fillReported(): void {
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

  protected unitBoard(key: string, kind: RankedBoard['kind'], g: number, light?: ConstructorParameters<typeof RankedBoard>[0]['light']): RankedBoard {
    const c = this.c;
    const members = c.members[g]!;
    const board = new RankedBoard({
      bulk: this.bulk,
      key,
      kind,
      ids: members.map((u) => c.unitIds[u]!),
      codes: (this.codes[g] ??= codeOrder(members.map((u) => c.unitOrd[u]!))),
      bands: c.bands,
      rules: c.rules,
      light,
    });
    this.boardsByKey.set(key, board);
    return board;
  }

  protected buildAggregates(): void {
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

  protected buildCadres(): void {
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

}

const NONE: readonly string[] = [];
