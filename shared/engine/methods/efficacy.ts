import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type Efficacy = Extract<Method, { kind: 'efficacy' }>;

/**
 * 功效系数法: F·(base + (1−base)·(x−worst)/(best−worst)). best/worst are the group's best and
 * worst values unless fixed (满意值/不允许值); a value beyond them is clamped. Everyone gets F when
 * best = worst.
 */
export const efficacy: MethodImpl<Efficacy> = {
  kind: 'efficacy',
  encode: (raw) => numeric(raw),
  numeric: true,
  decode: (x) => x,
  cap: () => 1,
  group(xs, m, c) {
    const out = new Float64Array(xs.length);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of xs) {
      if (Number.isNaN(x)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const higher = c.direction === 'higher';
    const best = m.best ?? (higher ? hi : lo);
    const worst = m.worst ?? (higher ? lo : hi);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (Number.isNaN(x)) continue;
      if (best === worst) {
        out[i] = c.fullMarks;
        continue;
      }
      const ratio = Math.min(Math.max((x - worst) / (best - worst), 0), 1);
      out[i] = c.fullMarks * (m.base + (1 - m.base) * ratio);
    }
    return out;
  },
};
