/**
 * Checks within single lists: unique ids and indicator codes, the current period among the
 * season's periods, grade bands in order.
 */
import type { Path } from './paths.ts';
import type { Add } from './context.ts';
import type { Scheme } from '../scheme.ts';

/** Duplicate ids per list (and indicator codes per track), indicator codes shared between tracks. */
export function checkIds(s: Scheme, add: Add): void {
  const dupes = <T>(items: T[], key: (t: T) => string, path: Path, zhKind: string, enKind: string, scopeZh = '', scopeEn = '') => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      const k = key(it);
      if (seen.has(k)) add('duplicate_id', [...path, i], `${scopeZh}${zhKind}编码「${k}」重复,编码必须唯一`, `${scopeEn}duplicate ${enKind} id "${k}"; ids must be unique`);
      seen.add(k);
    });
  };
  dupes(s.units, (u) => u.id, ['units'], '单位', 'unit');
  dupes(s.tracks, (t) => t.id, ['tracks'], '赛道', 'track');
  dupes(s.groups, (g) => g.id, ['groups'], '分组', 'group');
  dupes(s.season.periods, (p) => p.id, ['season', 'periods'], '考核期', 'period');
  dupes(s.cadres, (c) => c.id, ['cadres'], '干部', 'cadre');
  dupes(s.cadreGroups, (c) => c.id, ['cadreGroups'], '干部分组', 'cadre group');
  dupes(s.raterGroups, (c) => c.id, ['raterGroups'], '测评主体', 'rater group');
  s.tracks.forEach((t, ti) =>
    dupes(t.indicators, (x) => x.code, ['tracks', ti, 'indicators'], '指标', 'indicator', `赛道「${t.name}」中`, `Track ${t.name}: `),
  );
  // A submitted value names only its indicator, so a code may appear in one track only.
  const trackOfCode = new Map<string, string>();
  s.tracks.forEach((t, ti) =>
    t.indicators.forEach((ind, ii) => {
      const other = trackOfCode.get(ind.code);
      if (other !== undefined && other !== t.name) {
        add('duplicate_indicator_code', ['tracks', ti, 'indicators', ii, 'code'], `指标编码「${ind.code}」同时出现在赛道「${other}」和「${t.name}」中,指标编码在整个方案中必须唯一`, `indicator code "${ind.code}" is used in tracks ${other} and ${t.name}; codes must be unique across the scheme`);
      } else trackOfCode.set(ind.code, t.name);
    }),
  );
}

/** The season's current period is one of its periods. */
export function checkCurrentPeriod(s: Scheme, add: Add): void {
  const periods = new Set(s.season.periods.map((p) => p.id));
  if (s.season.currentPeriod !== undefined && !periods.has(s.season.currentPeriod))
    add('unknown_period', ['season', 'currentPeriod'], `当前考核期「${s.season.currentPeriod}」不在赛季的考核期列表中`, `current period "${s.season.currentPeriod}" is not one of the season's periods`);
}

/** Grade bands: `min` strictly descending, only the last band may omit it. */
export function checkGrades(s: Scheme, add: Add): void {
  s.grades.forEach((b, bi) => {
    if (b.min === undefined && bi !== s.grades.length - 1)
      add('grade_band_without_min', ['grades', bi], `等次「${b.name}」没有最低分,只有最后一个等次可以不设最低分`, `Grade band ${b.name} has no min; only the last band may omit it`);
    const prev = s.grades[bi - 1];
    if (b.min !== undefined && prev?.min !== undefined && b.min >= prev.min)
      add('grade_bands_order', ['grades', bi, 'min'], `等次「${b.name}」的最低分 ${b.min} 应低于上一等次「${prev.name}」的 ${prev.min},等次须按分数从高到低排列`,
        `Grade band ${b.name}: min ${b.min} must be below ${prev.min} of band ${prev.name}; list bands from best to worst`);
  });
}
