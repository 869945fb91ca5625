/**
 * How a batch's changes travel through the incremental engine's boards (engine.ts applies the
 * events and notes the units they touch; engine-state.ts holds the boards and rebuilds them).
 */
import { overallOf, seasonAllOf, seasonOf } from './aggregates.ts';
import { EngineState } from './engine-state.ts';
import type { TrackState } from './track-state.ts';

/** From this many units changed at once, boards sort once instead of moving each unit. */
const BULK_FROM = 8;

export abstract class Propagation extends EngineState {
  /**
   * Propagation is deferred to the end of a batch: cells change at once, then every unit whose
   * track score may have moved is refreshed once with the final cells, then each aggregate
   * (overall, season, season overall) of a unit whose track score moved is recomputed once, and
   * every cadre above them.
   */
  private readonly dirtyUnits = new Map<TrackState, Set<number>>();
  /** Aggregate entries to recompute in `flush`: overall (p, g, i), season (d, i), season overall (g, i), packed. */
  private readonly overallQ = new Set<number>();
  private readonly seasonQ = new Set<number>();
  private readonly seasonAllQ = new Set<number>();

  protected markUnits(ts: TrackState, units: number[]): void {
    let set = this.dirtyUnits.get(ts);
    if (!set) this.dirtyUnits.set(ts, (set = new Set()));
    for (const u of units) set.add(u);
  }

  protected flush(): void {
    const dirty = [...this.dirtyUnits];
    this.dirtyUnits.clear();
    let count = 0;
    for (const [ts, set] of dirty) {
      ts.settleColumns((units) => {
        for (const u of units) set.add(u);
      });
      count += set.size;
    }
    // Many units at once (a group column moved): boards record them and sort once at the end.
    const bulk = (this.bulk.bulk = count >= BULK_FROM);
    for (const [ts, set] of dirty) for (const i of set) this.refreshTrackUnit(ts.p, ts.def.index, i);
    this.refreshAggregates();
    if (bulk) {
      this.bulk.bulk = false;
      for (const b of this.bulk.boards) b.settle();
      this.bulk.boards.clear();
    }
    const diff = this.diff;
    this.cadres.refresh(this.sources, diff && ((p, ci, s) => diff.cadre(this.cadreKeys[p]![this.c.cadreGroupOf[ci]!]!, this.c.cadreIds[ci]!, s / 10_000)));
  }

  /** Track score of unit i on board (p, d): sets it and queues every aggregate built on it. */
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
    const U = this.c.unitIds.length;
    this.overallQ.add((p * this.c.groupIds.length + def.group) * U + i);
    this.seasonQ.add(d * U + i);
    this.cadres.markAbove(p, def.units[i]!, def.track);
  }

  /** Recomputes the queued aggregate entries, each once: overall and season totals, then season overall. */
  private refreshAggregates(): void {
    const U = this.c.unitIds.length;
    const G = this.c.groupIds.length;
    for (const key of this.overallQ) {
      const i = key % U;
      const pg = (key - i) / U;
      const g = pg % G;
      this.refreshOverall((pg - g) / G, g, i);
    }
    this.overallQ.clear();
    for (const key of this.seasonQ) {
      const i = key % U;
      const d = (key - i) / U;
      if (this.refreshSeason(d, i)) this.seasonAllQ.add(this.c.defs[d]!.group * U + i);
    }
    this.seasonQ.clear();
    for (const key of this.seasonAllQ) {
      const i = key % U;
      this.refreshSeasonAll((key - i) / U, i);
    }
    this.seasonAllQ.clear();
  }

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

  /** Season total of unit i on def d; true when it changed. */
  private refreshSeason(d: number, i: number): boolean {
    const b = this.season[d];
    if (!b) return false;
    const x = seasonOf(this, d, i);
    if (b.score[i] === x.score && b.vetoed[i] === x.vetoed && b.hasData[i] === x.hasData) return false;
    b.set(i, x.score, x.vetoed, x.hasData, this.diff);
    this.touched.add(b);
    return true;
  }

  private refreshSeasonAll(g: number, i: number): void {
    const a = this.seasonAll[g];
    if (!a) return;
    const y = seasonAllOf(this, g, i);
    a.set(i, y.score, y.vetoed, y.hasData, this.diff);
    this.touched.add(a);
  }

  /** After a batch: derived fields, rank changes into the next period, warnings. */
  protected finish(): void {
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
}
