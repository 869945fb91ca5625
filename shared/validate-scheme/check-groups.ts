/**
 * Groups: membership (references, one group per unit and track, no unit left out), then per
 * (track, group) the overrides, full marks adding up, targets and baselines for every unit, and
 * table points within the effective full marks.
 */
import type { Group, Track } from '../scheme.ts';
import type { Path } from './paths.ts';
import { formatPath } from './paths.ts';
import type { Add, SchemeContext } from './context.ts';
import { where } from './context.ts';
import type { EffectiveIndicator } from './effective-indicators.ts';
import { effectiveIndicators } from './effective-indicators.ts';
import { METHOD_ZH, checkMethod } from './check-methods.ts';

/** Which group each unit races in on each track: track → unit → group. */
export type GroupOf = Map<string, Map<string, Group>>;

/** Checks the groups' units and tracks and returns who races where, for the later checks. */
export function checkMembership({ s, add, units, tracks, unitName }: SchemeContext): GroupOf {
  const groupOf: GroupOf = new Map();
  const grouped = new Set<string>();
  s.groups.forEach((g, gi) => {
    const members = new Set<string>();
    g.units.forEach((u, ui) => {
      if (!units.has(u)) add('unknown_unit', ['groups', gi, 'units', ui], `分组「${g.name}」引用了不存在的单位「${u}」`, `Group ${g.name} lists unknown unit "${u}"`);
      else if (members.has(u)) add('duplicate_member', ['groups', gi, 'units', ui], `分组「${g.name}」中单位「${unitName(u)}」出现了两次`, `Group ${g.name} lists unit ${unitName(u)} twice`);
      members.add(u);
      grouped.add(u);
    });
    g.tracks.forEach((t, ti) => {
      if (!tracks.has(t)) {
        add('unknown_track', ['groups', gi, 'tracks', ti], `分组「${g.name}」引用了不存在的赛道「${t}」`, `Group ${g.name} runs unknown track "${t}"`);
        return;
      }
      const byUnit = groupOf.get(t) ?? new Map<string, Group>();
      groupOf.set(t, byUnit);
      for (const u of members) {
        const other = byUnit.get(u);
        if (other && other !== g && units.has(u))
          add('unit_in_two_groups', ['groups', gi, 'units', g.units.indexOf(u)],
            `单位「${unitName(u)}」同时在分组「${other.name}」和「${g.name}」中参加赛道「${tracks.get(t)!.name}」,每个单位在一个赛道上只能属于一个分组`,
            `Unit ${unitName(u)} is in both group ${other.name} and group ${g.name} on track ${tracks.get(t)!.name}; a unit may race in one group per track`);
        else byUnit.set(u, g);
      }
    });
  });
  s.units.forEach((u, ui) => {
    if (!grouped.has(u.id)) add('unit_without_group', ['units', ui], `单位「${u.name}」不在任何分组中,不会参加排名`, `Unit ${u.name} is in no group and will not be ranked`);
  });
  return groupOf;
}

/** Each group's overrides, then each track it runs as the group sees it. */
export function checkGroupTracks({ s, add, tracks, unitName }: SchemeContext): void {
  // One table with the same full marks in several groups is one problem, naming all of them.
  const tables = new Map<string, { e: EffectiveIndicator; path: Path; t: Track; groups: string[] }>();
  s.groups.forEach((g, gi) => {
    for (const [tid, ov] of Object.entries(g.overrides ?? {})) {
      const t = tracks.get(tid);
      const base = ['groups', gi, 'overrides', tid];
      if (!t) {
        add('override_unknown_track', base, `分组「${g.name}」的差异化设置引用了不存在的赛道「${tid}」`, `Group ${g.name} overrides unknown track "${tid}"`);
        continue;
      }
      if (!g.tracks.includes(tid))
        add('override_track_not_run', base, `分组「${g.name}」没有参加赛道「${t.name}」,不能为它设置差异化指标`, `Group ${g.name} does not run track ${t.name}, so it cannot override it`);
      const known = new Set(t.indicators.map((i) => i.code));
      const refs: Array<[Path, string]> = [
        ...(ov.indicators ?? []).map((c, i): [Path, string] => [[...base, 'indicators', i], c]),
        ...Object.keys(ov.fullMarks ?? {}).map((c): [Path, string] => [[...base, 'fullMarks', c], c]),
        ...Object.keys(ov.methods ?? {}).map((c): [Path, string] => [[...base, 'methods', c], c]),
      ];
      for (const [p, c] of refs)
        if (!known.has(c))
          add('override_unknown_indicator', p, `分组「${g.name}」的差异化设置引用了赛道「${t.name}」中不存在的指标「${c}」`, `Group ${g.name} overrides indicator "${c}", which track ${t.name} does not have`);
      for (const [c, m] of Object.entries(ov.methods ?? {})) {
        const ind = t.indicators.find((i) => i.code === c);
        if (ind) checkMethod(ind, m, [...base, 'methods', c], t, add, g);
      }
    }
    for (const tid of g.tracks) {
      const t = tracks.get(tid);
      if (!t) continue;
      const ti = s.tracks.indexOf(t);
      const eff = effectiveIndicators(t, g);
      const sum = round4(eff.reduce((a, e) => a + e.fullMarks, 0));
      if (Math.abs(sum - t.totalMarks) > 1e-6) {
        const w = where(t.name, g.name);
        add('full_marks_sum', g.overrides?.[tid] ? ['groups', gi, 'overrides', tid] : ['tracks', ti, 'indicators'],
          `${w.zh}：各指标满分合计 ${sum}，应为 ${t.totalMarks}`,
          `${w.en}: full marks add up to ${sum}, should be ${t.totalMarks}`);
      }
      for (const e of eff) {
        checkUnitValues(e, t, ti, g, unitName, add);
        const mPath = g.overrides?.[tid]?.methods?.[e.indicator.code] ? ['groups', gi, 'overrides', tid, 'methods', e.indicator.code] : ['tracks', ti, 'indicators', e.index, 'method'];
        const key = `${formatPath(mPath)}@${e.fullMarks}`;
        const seen = tables.get(key);
        if (seen) seen.groups.push(g.name);
        else tables.set(key, { e, path: mPath, t, groups: [g.name] });
      }
    }
  });
  for (const x of tables.values()) checkPoints(x.e, x.path, x.t, x.groups, add);
}

/** The points a method's table gives, or null when it has none (rank by step, formulas). */
function tablePoints(path: Path, m: EffectiveIndicator['method']): Array<[Path, number]> | null {
  if (m.kind === 'threshold') return m.tiers.map((x, i) => [[...path, 'tiers', i, 'points'], x.points]);
  if (m.kind === 'rank' && m.tiers) return m.tiers.map((x, i) => [[...path, 'tiers', i, 'points'], x.points]);
  if (m.kind === 'grade') return Object.entries(m.points).map(([label, pts]) => [[...path, 'points', label], pts]);
  return null;
}

/**
 * A table must fit the (effective) full marks: points above them would be cut off silently, and
 * a table whose best entry is below them means no unit can ever reach full marks.
 */
function checkPoints(e: EffectiveIndicator, path: Path, t: Track, groups: string[], add: Add): void {
  const m = e.method;
  const F = e.fullMarks;
  const w = where(t.name, groups, e.indicator.name);
  const table = tablePoints(path, m);
  const over = (table ?? []).filter(([, pts]) => pts > F);
  if (m.kind === 'rank' && m.floor > F) over.push([[...path, 'floor'], m.floor]);
  for (const [p, pts] of over)
    add('points_above_full_marks', p, `${w.zh}：满分为 ${F}，但计分表中有 ${pts} 分，超出满分的部分不会计入`,
      `${w.en}: full marks are ${F} but the table gives ${pts} points; the excess would be cut off`);
  if (!table?.length) return;
  const top = Math.max(...table.map(([, pts]) => pts));
  if (top < F - 1e-9) {
    const what = m.kind === 'grade' ? ['等级分值表', 'grade table'] : ['档次表', 'tier table'];
    add('points_below_full_marks', [...path, m.kind === 'grade' ? 'points' : 'tiers'],
      `${w.zh}：满分为 ${F}，但${what[0]}最高只有 ${top} 分，没有单位能得满分；请把最高一档设为 ${F} 分或把满分改为 ${top}`,
      `${w.en}: full marks are ${F} but the ${what[1]} tops out at ${top} points, so no unit can reach full marks; give the top entry ${F} points or set full marks to ${top}`);
  }
}

function checkUnitValues(e: EffectiveIndicator, t: Track, ti: number, g: Group, unitName: (id: string) => string, add: Add): void {
  const ind = e.indicator;
  const kind = e.method.kind;
  if (kind !== 'completion' && kind !== 'growth') return;
  const missing = g.units.filter((u) => {
    const v = kind === 'completion' ? (ind.targets?.[u] ?? ind.target) : (ind.baselines?.[u] ?? ind.baseline);
    return v === undefined || (kind === 'growth' && v === 0);
  });
  if (!missing.length) return;
  const names = missing.slice(0, 5).map(unitName);
  const more = missing.length > 5 ? `等 ${missing.length} 个单位` : '';
  const moreEn = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
  const path = ['tracks', ti, 'indicators', e.index, kind === 'completion' ? 'targets' : 'baselines'];
  const w = where(t.name, g.name, ind.name);
  if (kind === 'completion')
    add('missing_target', path, `${w.zh}：按${METHOD_ZH.completion}计分，但「${names.join('」「')}」${more}没有目标值（target 或 targets）`,
      `${w.en} (completion): no target (target or targets) for ${names.join(', ')}${moreEn}`);
  else
    add('missing_baseline', path, `${w.zh}：按${METHOD_ZH.growth}计分，但「${names.join('」「')}」${more}没有非零基数（baseline 或 baselines）`,
      `${w.en} (growth): no non-zero baseline (baseline or baselines) for ${names.join(', ')}${moreEn}`);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
