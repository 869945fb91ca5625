import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type RankMethod = Extract<Method, { kind: 'rank' }>;

/**
 * 排名赋分: competition rank r of the value in its group (ties share: 1,2,2,4), then
 * max(F − (r−1)·step, floor), or the first tier with r ≤ top (else floor).
 */
export const rank: MethodImpl<RankMethod> = {
  kind: 'rank',
  encode: (raw) => numeric(raw),
  numeric: true,
  decode: (x) => x,
  cap: () => 1,
  group(xs, m, c) {
    const out = new Float64Array(xs.length);
    const present: number[] = [];
    for (const x of xs) if (!Number.isNaN(x)) present.push(x);
    // best first
    const sorted = Float64Array.from(present).sort();
    if (c.direction === 'higher') sorted.reverse();
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (Number.isNaN(x)) continue;
      const r = 1 + countBetter(sorted, x, c.direction === 'higher');
      out[i] = pointsForRank(r, m, c.fullMarks);
    }
    return out;
  },
};

/** Number of values in `sorted` (best first) strictly better than x. */
function countBetter(sorted: Float64Array, x: number, higher: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (higher ? v > x : v < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function pointsForRank(r: number, m: RankMethod, fullMarks: number): number {
  if (m.tiers) {
    for (const t of m.tiers) if (r <= t.top) return t.points;
    return m.floor;
  }
  return Math.max(fullMarks - (r - 1) * (m.step ?? 0), m.floor);
}
