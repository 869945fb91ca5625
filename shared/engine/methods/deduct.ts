import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';
import { numeric } from './types.ts';

type Deduct = Extract<Method, { kind: 'deduct' }>;

/** 扣分法: F − x·step, floor 0; x counts occurrences (accidents, complaints …). */
export const deduct: MethodImpl<Deduct> = {
  kind: 'deduct',
  encode(raw) {
    const x = numeric(raw);
    if (typeof x === 'number' && (x < 0 || !Number.isInteger(x))) {
      return { zh: `次数应为非负整数,收到 ${x}`, en: `the count must be a whole number ≥ 0, got ${x}` };
    }
    return x;
  },
  decode: (x) => x,
  cap: () => 1,
  unit: (x, m, c) => c.fullMarks - x * m.step,
};
