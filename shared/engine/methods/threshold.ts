import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type Threshold = Extract<Method, { kind: 'threshold' }>;

/** 阈值达标: the first tier whose bound the value reaches (≥ higher-better, ≤ lower-better), else 0. */
export const threshold: MethodImpl<Threshold> = {
  kind: 'threshold',
  encode: (raw) => numeric(raw),
  numeric: true,
  decode: (x) => x,
  cap: () => 1,
  unit(x, m, c) {
    for (const t of m.tiers) if (c.direction === 'higher' ? x >= t.bound : x <= t.bound) return t.points;
    return 0;
  },
};
