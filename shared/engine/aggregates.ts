/**
 * Weighted aggregates of the incremental engine (SPEC §4): overall (综合) per period, season
 * totals per track, season overall. Each is a weighted mean of one entry over boards, summed in
 * board order as the reference does, so the rounding is the same. Results go to one reused
 * object, read at once by the caller (no allocation per unit on hot paths).
 */
import type { Compiled } from './compile.ts';
import type { RankedBoard } from './ranked-board.ts';
import type { TrackState } from './track-state.ts';

export interface Aggregate {
  score: number;
  vetoed: number;
  hasData: number;
}

/** The boards aggregates read: [period][def] track states, [def] season boards. */
export interface AggregateSources {
  c: Compiled;
  tracks: Array<Array<TrackState | null>>;
  season: Array<RankedBoard | null>;
}

const out: Aggregate = { score: 0, vetoed: 0, hasData: 0 };
let num = 0;
let den = 0;

function start(): void {
  num = 0;
  den = 0;
  out.vetoed = 0;
  out.hasData = 0;
}
function add(w: number, b: RankedBoard, i: number): void {
  num += w * b.score[i]!;
  den += w;
  out.vetoed |= b.vetoed[i]!;
  out.hasData |= b.hasData[i]!;
}
function result(): Aggregate {
  out.score = den > 0 ? Math.round(num / den) : 0;
  return out;
}

/** Overall (综合) score of member i of group g in period p: track scores weighted by track weight. */
export function overallOf(s: AggregateSources, p: number, g: number, i: number): Aggregate {
  const c = s.c;
  start();
  const row = s.tracks[p]!;
  for (let t = 0; t < c.trackIds.length; t++) {
    const d = c.defOf[t]![g]!;
    const ts = d >= 0 ? row[d] : null;
    if (ts) add(c.scheme.tracks[t]!.weight, ts.board, i);
  }
  return result();
}

/** Season total of member i on def d: period scores weighted by period weight. */
export function seasonOf(s: AggregateSources, d: number, i: number): Aggregate {
  const c = s.c;
  start();
  for (let p = 0; p < c.periodIds.length; p++) {
    const ts = s.tracks[p]![d];
    if (ts) add(c.periodWeight[p]!, ts.board, i);
  }
  return result();
}

/** Season overall of member i of group g: season totals weighted by track weight. */
export function seasonAllOf(s: AggregateSources, g: number, i: number): Aggregate {
  const c = s.c;
  start();
  for (let t = 0; t < c.trackIds.length; t++) {
    const d = c.defOf[t]![g]!;
    const b = d >= 0 ? s.season[d] : null;
    if (b) add(c.scheme.tracks[t]!.weight, b, i);
  }
  return result();
}

/** Fills every entry of a board from an aggregate and sorts it once. */
export function fillAll(b: RankedBoard | null | undefined, of: (i: number) => Aggregate): void {
  if (!b) return;
  for (let i = 0; i < b.n; i++) {
    const x = of(i);
    b.score[i] = x.score;
    b.vetoed[i] = x.vetoed;
    b.hasData[i] = x.hasData;
  }
  b.sortAll();
}
