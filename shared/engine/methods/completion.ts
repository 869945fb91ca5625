import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type Completion = Extract<Method, { kind: 'completion' }>;

/** 目标完成率: r = x/target (higher better) or target/x (lower better); F·clamp(r, 0, cap). */
export const completion: MethodImpl<Completion> = {
  kind: 'completion',
  encode: (raw) => numeric(raw),
  numeric: true,
  decode: (x) => x,
  cap: (m) => m.cap,
  unit(x, m, c) {
    const t = c.target;
    if (t === undefined || t <= 0) return 0;
    const r = c.direction === 'higher' ? x / t : x <= 0 ? m.cap : t / x;
    return c.fullMarks * Math.min(Math.max(r, 0), m.cap);
  },
};
