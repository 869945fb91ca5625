/** Cadres: their unit and cadre group exist, their responsibilities name tracks their unit runs. */
import type { SchemeContext } from './context.ts';
import type { GroupOf } from './check-groups.ts';

/** Each cadre's unit, cadre group and responsibilities. */
export function checkCadres({ s, add, units, tracks, unitName }: SchemeContext, groupOf: GroupOf): void {
  const cadreGroups = new Set(s.cadreGroups.map((c) => c.id));
  s.cadres.forEach((c, ci) => {
    if (!units.has(c.unit)) add('cadre_unknown_unit', ['cadres', ci, 'unit'], `干部「${c.name}」所在单位「${c.unit}」不存在`, `Cadre ${c.name}: unknown unit "${c.unit}"`);
    if (!cadreGroups.has(c.group)) add('cadre_unknown_group', ['cadres', ci, 'group'], `干部「${c.name}」的干部分组「${c.group}」不存在`, `Cadre ${c.name}: unknown cadre group "${c.group}"`);
    c.responsibilities.forEach((r, ri) => {
      const p = ['cadres', ci, 'responsibilities', ri];
      const t = tracks.get(r.track);
      if (!t) add('responsibility_unknown_track', [...p, 'track'], `干部「${c.name}」负责的赛道「${r.track}」不存在`, `Cadre ${c.name} is responsible for unknown track "${r.track}"`);
      if (!units.has(r.unit)) add('responsibility_unknown_unit', [...p, 'unit'], `干部「${c.name}」负责的单位「${r.unit}」不存在`, `Cadre ${c.name} is responsible for unknown unit "${r.unit}"`);
      else if (t && !groupOf.get(t.id)?.has(r.unit))
        add('responsibility_track_not_run', p, `干部「${c.name}」负责单位「${unitName(r.unit)}」的赛道「${t.name}」,但该单位所在分组没有参加这个赛道`,
          `Cadre ${c.name} is responsible for track ${t.name} of unit ${unitName(r.unit)}, but no group of that unit runs this track`);
    });
  });
}
