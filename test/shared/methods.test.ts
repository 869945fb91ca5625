import { describe, expect, it } from 'vitest';
import { methodImpl } from '../../shared/engine/index.ts';
import { scoreColumn } from '../../shared/engine/methods/index.ts';
import type { Method } from '../../shared/scheme.ts';
import { MethodSchema } from '../../shared/scheme.ts';

/** Points (as numbers) for a column of values; null = missing. */
function score(method: unknown, xs: Array<number | string | null>, opts: { F?: number; dir?: 'higher' | 'lower'; target?: number; baseline?: number } = {}): Array<number> {
  const m = MethodSchema.parse(method) as Method;
  const impl = methodImpl(m);
  const enc = Float64Array.from(xs, (x) => {
    if (x === null) return NaN;
    const e = impl.encode(x, m);
    if (typeof e !== 'number') throw new Error(e.zh);
    return e;
  });
  const pts = scoreColumn(enc, m, () => ({ fullMarks: opts.F ?? 10, direction: opts.dir ?? 'higher', target: opts.target, baseline: opts.baseline }));
  return Array.from(pts, (p) => p / 10_000);
}

describe('scoring methods (SPEC §4), F = 10 unless noted', () => {
  it.each([
    ['60 of target 80', { kind: 'completion' }, [60], { target: 80 }, [7.5]],
    ['over target, cap 1', { kind: 'completion' }, [100], { target: 80 }, [10]],
    ['over target, cap 1.2', { kind: 'completion', cap: 1.2 }, [100], { target: 80 }, [12]],
    ['negative value', { kind: 'completion' }, [-5], { target: 80 }, [0]],
    ['lower is better: 10 against target 5', { kind: 'completion' }, [10], { target: 5, dir: 'lower' }, [5]],
    ['lower is better: 0 is perfect', { kind: 'completion' }, [0], { target: 5, dir: 'lower' }, [10]],
  ] as const)('completion: %s', (_n, m, xs, o, want) => expect(score(m, [...xs], o)).toEqual(want));

  it('efficacy: group best/worst, base 0.6, higher and lower better', () => {
    expect(score({ kind: 'efficacy' }, [50, 70, 90, null])).toEqual([6, 8, 10, 0]);
    expect(score({ kind: 'efficacy' }, [50, 70, 90], { dir: 'lower' })).toEqual([10, 8, 6]);
    expect(score({ kind: 'efficacy', base: 0.5 }, [0, 25, 100])).toEqual([5, 6.25, 10]);
  });
  it('efficacy: fixed 满意值/不允许值 clamp, all equal gets full marks', () => {
    expect(score({ kind: 'efficacy', best: 100, worst: 0 }, [70, 120, -3])).toEqual([8.8, 10, 6]);
    expect(score({ kind: 'efficacy' }, [5, 5, 5])).toEqual([10, 10, 10]);
  });

  it('rank: competition ranks 1,2,2,4 with a step and a floor', () => {
    expect(score({ kind: 'rank', step: 2 }, [9, 7, 7, 3])).toEqual([10, 8, 8, 4]);
    expect(score({ kind: 'rank', step: 2, floor: 5 }, [9, 7, 7, 3])).toEqual([10, 8, 8, 5]);
    expect(score({ kind: 'rank', step: 2 }, [9, 7, 7, 3], { dir: 'lower' })).toEqual([4, 8, 8, 10]);
  });
  it('rank: tier table (top k → points), else the floor; missing values are not ranked', () => {
    expect(score({ kind: 'rank', tiers: [{ top: 1, points: 10 }, { top: 3, points: 6 }], floor: 1 }, [9, 7, 7, 3, null])).toEqual([10, 6, 6, 1, 0]);
  });

  it('threshold: first tier reached; lower-better bounds are upper limits', () => {
    const hi = { kind: 'threshold', tiers: [{ bound: 90, points: 10 }, { bound: 60, points: 6 }] };
    expect(score(hi, [95, 90, 75, 50])).toEqual([10, 10, 6, 0]);
    const lo = { kind: 'threshold', tiers: [{ bound: 1, points: 10 }, { bound: 3, points: 5 }] };
    expect(score(lo, [0, 2, 4], { dir: 'lower' })).toEqual([10, 5, 0]);
  });

  it('growth: F·par at the target growth, ± step per percentage point, clamped', () => {
    const m = { kind: 'growth', targetGrowth: 10, step: 0.2 };
    expect(score(m, [110, 120, 100, 130], { baseline: 100 })).toEqual([8, 10, 6, 10]);
    expect(score({ ...m, cap: 1.2 }, [130], { baseline: 100 })).toEqual([12]);
    // negative baseline: growth is measured against |baseline|
    expect(score(m, [-50], { baseline: -100 })).toEqual([10]);
    // lower is better (e.g. energy use): above target growth costs points
    expect(score(m, [120], { baseline: 100, dir: 'lower' })).toEqual([6]);
  });

  it('grade: label → points; an unknown label is refused with the labels that exist', () => {
    const m = { kind: 'grade', points: { 优: 10, 良: 8, 中: 6, 差: 2 } };
    expect(score(m, ['良', '差', '优'])).toEqual([8, 2, 10]);
    expect(() => score(m, ['X'])).toThrow('等次「X」不在评分表中(可用:优、良、中、差)');
  });

  it('deduct: F − count·step, floor 0; counts are whole numbers ≥ 0', () => {
    expect(score({ kind: 'deduct', step: 2 }, [0, 2, 7])).toEqual([10, 6, 0]);
    expect(() => score({ kind: 'deduct', step: 2 }, [-1])).toThrow('次数应为非负整数');
    expect(() => score({ kind: 'deduct', step: 2 }, [1.5])).toThrow('次数应为非负整数');
  });

  it('points are rounded to 4 decimals', () => {
    expect(score({ kind: 'completion' }, [1], { target: 3 })).toEqual([3.3333]);
  });
});
