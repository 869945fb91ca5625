/** Scoring methods and light rules: tier tables in order, rank and grade tables present, light rules consistent. */
import type { Group, Indicator, LightRule, Method, Track } from '../scheme.ts';
import type { Path } from './paths.ts';
import type { Add, SchemeContext } from './context.ts';
import { where } from './context.ts';

/** The methods' Chinese names, for messages. */
export const METHOD_ZH: Record<Method['kind'], string> = {
  completion: '目标完成率', efficacy: '功效系数法', rank: '排名赋分', threshold: '阈值达标', growth: '增速', grade: '定性评价', deduct: '扣分法',
};

/** Per track: the rules of the track's own methods and light rule, then the default light rule. */
export function checkTrackRules({ s, add }: SchemeContext): void {
  s.tracks.forEach((t, ti) => {
    t.indicators.forEach((ind, ii) => checkMethod(ind, ind.method, ['tracks', ti, 'indicators', ii, 'method'], t, add));
    if (t.light) checkLight(t.light, ['tracks', ti, 'light'], (code) => t.indicators.some((i) => i.code === code), `赛道「${t.name}」`, `Track ${t.name}`, add);
  });
  checkLight(s.rules.light, ['rules', 'light'], (code) => s.tracks.some((t) => t.indicators.some((i) => i.code === code)), '默认', 'Default', add);
}

/** One method of an indicator, as written on the track or in the override of group `g` at `path`. */
export function checkMethod(ind: Indicator, m: Method, path: Path, t: Track, add: Add, g?: Group): void {
  const { zh: at, en: whoEn } = where(t.name, g?.name, ind.name);
  const who = `${at}：`;
  if (m.kind === 'threshold') {
    const desc = ind.direction === 'higher';
    m.tiers.forEach((tier, i) => {
      const prev = m.tiers[i - 1];
      if (prev && (desc ? tier.bound >= prev.bound : tier.bound <= prev.bound))
        add('tiers_order', [...path, 'tiers', i, 'bound'],
          `${who}档次表顺序不对：界限 ${tier.bound} 应${desc ? '小于' : '大于'}上一档的 ${prev.bound}（${desc ? '越高越好的指标从高到低排列' : '越低越好的指标从低到高排列'}）`,
          `${whoEn}: tier bound ${tier.bound} must be ${desc ? 'below' : 'above'} the previous bound ${prev.bound} (${desc ? 'descending for higher-is-better' : 'ascending for lower-is-better'})`);
    });
  }
  if (m.kind === 'rank') {
    if (m.step === undefined && !m.tiers)
      add('rank_without_rule', path, `${who}按${METHOD_ZH.rank}计分，但既没有步长（step）也没有档次表（tiers）`, `${whoEn}: rank method needs a step or a tier table`);
    m.tiers?.forEach((tier, i) => {
      const prev = m.tiers![i - 1];
      if (prev && tier.top <= prev.top)
        add('tiers_order', [...path, 'tiers', i, 'top'], `${who}名次档次应从前到后排列：前 ${tier.top} 名应排在前 ${prev.top} 名之前`,
          `${whoEn}: rank tiers must list top in ascending order (top ${tier.top} comes after top ${prev.top})`);
      else if (prev && tier.points > prev.points)
        add('tiers_order', [...path, 'tiers', i, 'points'], `${who}名次档次分值不能递增：前 ${tier.top} 名得 ${tier.points} 分，高于前 ${prev.top} 名的 ${prev.points} 分`,
          `${whoEn}: rank tier points must not increase (top ${tier.top} gets ${tier.points} > ${prev.points} for top ${prev.top})`);
    });
  }
  if (m.kind === 'grade' && Object.keys(m.points).length === 0)
    add('grade_points_empty', [...path, 'points'], `${who}按${METHOD_ZH.grade}计分，但等级分值表是空的`, `${whoEn}: grade method has an empty points table`);
}

function checkLight(rule: LightRule, path: Path, knows: (code: string) => boolean, zh: string, en: string, add: Add): void {
  if (rule.mode === 'progress' && !knows(rule.indicator))
    add('light_unknown_indicator', [...path, 'indicator'], `${zh}亮灯规则按序时进度亮灯,但指标「${rule.indicator}」不存在`, `${en} light rule: progress indicator "${rule.indicator}" does not exist`);
  if (rule.mode === 'rank' && rule.redShare + rule.yellowShare > 1)
    add('light_shares', path, `${zh}亮灯规则的红灯比例 ${rule.redShare} 加黄灯比例 ${rule.yellowShare} 超过 1`, `${en} light rule: redShare ${rule.redShare} + yellowShare ${rule.yellowShare} exceeds 1`);
  if (rule.mode === 'score' && rule.redBelow > rule.yellowBelow)
    add('light_bands', path, `${zh}亮灯规则的红灯分数线 ${rule.redBelow} 高于黄灯分数线 ${rule.yellowBelow}`, `${en} light rule: redBelow ${rule.redBelow} is above yellowBelow ${rule.yellowBelow}`);
}
