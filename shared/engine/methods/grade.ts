import type { Method } from '../../scheme.ts';
import type { MethodImpl } from './types.ts';

type Grade = Extract<Method, { kind: 'grade' }>;

/** 定性评价: a grade label (A/B/C/D, 优/良/中/差 …) looked up in the points table. */
export const grade: MethodImpl<Grade> = {
  kind: 'grade',
  encode(raw, m) {
    const labels = Object.keys(m.points);
    const i = labels.indexOf(String(raw).trim());
    if (i >= 0) return i;
    return { zh: `等次「${String(raw)}」不在评分表中(可用:${labels.join('、')})`, en: `grade "${String(raw)}" is not one of ${labels.join(', ')}` };
  },
  decode: (x, m) => Object.keys(m.points)[x] ?? '',
  cap: () => 1,
  unit: (x, m) => Object.values(m.points)[x] ?? 0,
};
