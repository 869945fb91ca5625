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
    // ascending, NaN (missing) last
    const sorted = xs.slice().sort();
    let present = sorted.length;
    while (present > 0 && Number.isNaN(sorted[present - 1]!)) present--;
    const higher = c.direction === 'higher';
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (Number.isNaN(x)) continue;
      // competition rank: 1 + the number of values strictly better
      const better = higher ? present - upperBound(sorted, present, x) : lowerBound(sorted, present, x);
      out[i] = pointsForRank(1 + better, m, c.fullMarks);
    }
    return out;
  },
};

/** Number of the first `n` values of ascending `a` that are < x. */
function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of the first `n` values of ascending `a` that are ≤ x. */
function upperBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
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
