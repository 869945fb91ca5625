/** Value ranges (取值范围): bounds in order, allowed grades taken from the points table. */
import type { SchemeContext } from './context.ts';
import { where } from './context.ts';

/** Each indicator's own `range`: min ≤ max, and a grade indicator allows only labels it scores. */
export function checkRanges({ s, add }: SchemeContext): void {
  s.tracks.forEach((t, ti) =>
    t.indicators.forEach((ind, ii) => {
      const r = ind.range;
      if (!r) return;
      const path = ['tracks', ti, 'indicators', ii, 'range'];
      const w = where(t.name, undefined, ind.name);
      if (typeof r.min === 'number' && typeof r.max === 'number' && r.min > r.max)
        add('range_bounds', [...path, 'min'], `${w.zh}：取值范围的下限 ${r.min} 高于上限 ${r.max}`, `${w.en}: the range's min ${r.min} is above its max ${r.max}`);
      if (r.grades && ind.method.kind === 'grade') {
        const labels = Object.keys(ind.method.points);
        r.grades.forEach((g, gi) => {
          if (!labels.includes(g))
            add('range_unknown_grade', [...path, 'grades', gi], `${w.zh}：允许的等次「${g}」不在等级分值表中（可用：${labels.join('、')}）`,
              `${w.en}: allowed grade "${g}" is not in the points table (${labels.join(', ')})`);
        });
      }
    }),
  );
}
