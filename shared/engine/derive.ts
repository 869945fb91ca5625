/**
 * Board rules (SPEC §4) that depend on a board's display order: competition ranks, grades with
 * quotas, red/yellow flags, 红榜/黑榜, lights. Both engines call these, so the rules live once.
 */
import type { LightRule, Rules } from '../scheme.ts';
import type { BoardKind, Flag, Light, ListMark } from '../standings.ts';
import type { CBand } from './compile.ts';

export const FLAGS: Array<Flag | null> = [null, 'red', 'yellow'];
export const LISTS: Array<ListMark | null> = [null, 'red', 'black'];
export const LIGHTS: Array<Light | null> = [null, 'green', 'yellow', 'red'];

/** Display order: non-vetoed first, then score descending, then code (ord) ascending. */
export function compareEntries(
  a: number,
  b: number,
  score: ArrayLike<number>,
  vetoed: ArrayLike<number>,
  ord: (i: number) => number,
): number {
  return vetoed[a]! - vetoed[b]! || score[b]! - score[a]! || ord(a) - ord(b);
}

/** Competition ranks (1,2,2,4) over a display order; vetoed entries rank after all others. */
export function assignRanks(order: ArrayLike<number>, n: number, score: ArrayLike<number>, vetoed: ArrayLike<number>, rank: Int32Array): void {
  for (let q = 0; q < n; q++) {
    const i = order[q]!;
    if (q > 0) {
      const j = order[q - 1]!;
      if (score[j] === score[i] && vetoed[j] === vetoed[i]) {
        rank[i] = rank[j]!;
        continue;
      }
    }
    rank[i] = q + 1;
  }
}

export interface DeriveInput {
  kind: BoardKind;
  order: ArrayLike<number>;
  n: number;
  rank: ArrayLike<number>;
  score: ArrayLike<number>;
  vetoed: ArrayLike<number>;
  bands: CBand[];
  rules: Rules;
  /** Track boards only. */
  light?: { rule: LightRule; progress: (i: number) => number; expected: number | undefined };
}

export interface DeriveOutput {
  /** Band index, −1 for none. */
  grade: Int8Array;
  /** Index into FLAGS. */
  flag: Int8Array;
  /** Index into LISTS. */
  list: Int8Array;
  /** Index into LIGHTS. */
  light: Int8Array;
}

/** Quota of each band on a board of n entries (at most quota·n, rounded down, at least 1). */
export function bandLimits(bands: CBand[], n: number): number[] {
  return bands.map((b) => (b.quota === undefined ? Infinity : Math.max(1, Math.floor(b.quota * n))));
}

/** The band of one entry given the quota already used above it (and counts it), or −1. */
export function gradeOf(score: number, vetoed: number, bands: CBand[], used: Int32Array, limit: number[]): number {
  for (let b = 0; b < bands.length; b++) {
    const band = bands[b]!;
    if (score < band.min || used[b]! >= limit[b]! || (band.noVeto && vetoed)) continue;
    used[b]!++;
    return b;
  }
  return -1;
}

/** Ranks that decide flags and lists: the last rank, the 红榜 cut and the 黑榜 cut. */
export function cutsOf(order: ArrayLike<number>, n: number, rank: ArrayLike<number>, rules: Rules): { last: number; red: number; black: number } {
  return {
    last: n > 0 ? rank[order[n - 1]!]! : 0,
    red: rules.redList > 0 && n > 0 ? rank[order[Math.min(rules.redList, n) - 1]!]! : 0,
    black: rules.blackList > 0 && n > 0 ? rank[order[Math.max(n - rules.blackList, 0)]!]! : Infinity,
  };
}

/** Flags on period boards: red to rank 1 (not vetoed), yellow to the last. */
export function flagOf(periodBoard: boolean, rank: number, vetoed: number, n: number, last: number): number {
  if (!periodBoard) return 0;
  if (rank === 1 && !vetoed) return 1;
  return n >= 2 && rank === last ? 2 : 0;
}

/** 红榜: top N (ties included, not vetoed); 黑榜: bottom N (ties included) not already on 红榜. */
export function listOf(rank: number, vetoed: number, cuts: { red: number; black: number }): number {
  return !vetoed && rank <= cuts.red ? 1 : rank >= cuts.black ? 2 : 0;
}

/** Computes grades, flags, lists and lights of the n ranked entries of a board. */
export function deriveBoard(d: DeriveInput, out: DeriveOutput): void {
  const { order, n, rank, score, vetoed, bands, rules } = d;
  const used = new Int32Array(bands.length);
  const limit = bandLimits(bands, n);
  const cuts = cutsOf(order, n, rank, rules);
  const periodBoard = d.kind === 'track' || d.kind === 'overall';
  for (let q = 0; q < n; q++) {
    const i = order[q]!;
    out.grade[i] = gradeOf(score[i]!, vetoed[i]!, bands, used, limit);
    out.flag[i] = flagOf(periodBoard, rank[i]!, vetoed[i]!, n, cuts.last);
    out.list[i] = listOf(rank[i]!, vetoed[i]!, cuts);
    out.light[i] = d.light ? lightOf(d.light, i, rank, score, n) : 0;
  }
}

/** Lights on track boards: by rank share, by score bands, or by 序时进度. */
export function lightOf(L: NonNullable<DeriveInput['light']>, i: number, rank: ArrayLike<number>, score: ArrayLike<number>, n: number): number {  const r = L.rule;
  if (r.mode === 'rank') {
    const red = Math.round(n * r.redShare);
    const yellow = Math.round(n * (r.redShare + r.yellowShare)) - red;
    const k = rank[i]!;
    return k > n - red ? 3 : k > n - red - yellow ? 2 : 1;
  }
  if (r.mode === 'score') {
    const s = score[i]! / 10_000;
    return s < r.redBelow ? 3 : s < r.yellowBelow ? 2 : 1;
  }
  if (L.expected === undefined) return 0;
  const x = L.progress(i);
  const behind = L.expected - (Number.isNaN(x) ? 0 : x);
  return behind > r.red ? 3 : behind >= r.yellow ? 2 : 1;
}
