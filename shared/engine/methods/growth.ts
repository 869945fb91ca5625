import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type Growth = Extract<Method, { kind: 'growth' }>;

/**
 * 增速: g = (x − baseline)/|baseline| in percentage points. At the target growth the unit gets
 * F·par; each point above (below) adds (removes) `step` points — reversed for lower-better.
 */
export const growth: MethodImpl<Growth> = {
  kind: 'growth',
  encode: (raw) => numeric(raw),
  numeric: true,
  decode: (x) => x,
  cap: (m) => m.cap,
  unit(x, m, c) {
    const b = c.baseline;
    if (b === undefined || b === 0) return 0;
    const g = ((x - b) / Math.abs(b)) * 100;
    const sign = c.direction === 'higher' ? 1 : -1;
    return c.fullMarks * m.par + sign * m.step * (g - m.targetGrowth);
  },
};
