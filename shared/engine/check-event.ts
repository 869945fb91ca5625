/**
 * Checks an event against the current scheme and facts before it is appended to the log, so a
 * bad submission is refused with a message a person can act on and nothing changes.
 */
import type { EventBody } from '../events.ts';
import { cellContext } from './compile.ts';
import type { IncrementalEngine } from './engine.ts';
import { methodImpl } from './methods/index.ts';
import type { Problem } from './types.ts';
import { validateScheme } from '../validate-scheme.ts';
import { rangeProblem } from '../value-range.ts';

function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, zh, en };
}

export function checkEvent(e: IncrementalEngine, ev: EventBody): Problem | null {
  const c = e.c;
  const period = (id: string) =>
    c.periodIdx.has(id) ? null : problem('unknown_period', 'data.period', `考核期「${id}」不存在`, `period "${id}" does not exist`);
  const unit = (id: string) => (c.unitIdx.has(id) ? null : problem('unknown_unit', 'data.unit', `单位「${id}」不存在`, `unit "${id}" does not exist`));
  const cadre = (id: string) => (c.cadreIdx.has(id) ? null : problem('unknown_cadre', 'data.cadre', `干部「${id}」不存在`, `cadre "${id}" does not exist`));
  const freshId = (id: string) =>
    e.facts.adjustments.has(id) || e.facts.vetoes.has(id) || e.facts.cadreAdj.has(id)
      ? problem('duplicate_id', 'data.id', `编号「${id}」已被使用`, `id "${id}" is already used`)
      : null;
  const runs = (u: string, track: string) => {
    const t = c.trackIdx.get(track);
    if (t === undefined) return problem('unknown_track', 'data.track', `赛道「${track}」不存在`, `track "${track}" does not exist`);
    const g = c.unitGroup[c.unitIdx.get(u)!]!;
    if (g < 0 || c.defOf[t]![g]! < 0) {
      return problem('track_not_run', 'data.track', `单位「${u}」所在分组不参加赛道「${c.scheme.tracks[t]!.name}」`, `unit "${u}" is not in a group that runs track "${track}"`);
    }
    return null;
  };
  switch (ev.type) {
    case 'value:recorded':
    case 'value:corrected': {
      const d = ev.data;
      const bad = period(d.period) ?? unit(d.unit);
      if (bad) return bad;
      const t = c.indTrack.get(d.indicator);
      if (t === undefined) return problem('unknown_indicator', 'data.indicator', `指标「${d.indicator}」不存在`, `indicator "${d.indicator}" does not exist`);
      const notRun = runs(d.unit, c.trackIds[t]!);
      if (notRun) return notRun;
      const at = e.locate(d.period, d.unit, d.indicator);
      if (!at) {
        return problem('indicator_not_in_group', 'data.indicator', `指标「${d.indicator}」不适用于单位「${d.unit}」所在分组`, `indicator "${d.indicator}" does not apply to the group of unit "${d.unit}"`);
      }
      if (ev.type === 'value:corrected' && !e.facts.values.has(d.period, d.unit, d.indicator)) {
        return problem('nothing_to_correct', 'data.value', `单位「${d.unit}」指标「${d.indicator}」在该期尚无数据,无需更正,请直接报送`, `there is no value to correct; submit it instead`);
      }
      if (d.value === null) return null;
      const ind = c.defs[at.d]!.inds[at.j]!;
      const x = methodImpl(ind.method).encode(d.value, ind.method);
      if (typeof x !== 'number') return problem('bad_value', 'data.value', `指标「${ind.name}」:${x.zh}`, `indicator ${ind.code}: ${x.en}`);
      const out = rangeProblem({ ...ind.def, name: ind.name, measure: ind.measure, method: ind.method }, d.value);
      if (out) return problem('out_of_range', 'data.value', out.zh, out.en);
      const ctx = cellContext(ind, d.unit);
      if (ind.method.kind === 'completion' && (ctx.target === undefined || ctx.target <= 0)) {
        return problem('no_target', 'data.indicator', `指标「${ind.name}」没有为单位「${d.unit}」设定目标值,请先在方案中设定`, `indicator ${ind.code} has no target for unit ${d.unit}`);
      }
      if (ind.method.kind === 'growth' && !ctx.baseline) {
        return problem('no_baseline', 'data.indicator', `指标「${ind.name}」没有为单位「${d.unit}」设定基期值,请先在方案中设定`, `indicator ${ind.code} has no baseline for unit ${d.unit}`);
      }
      return null;
    }
    case 'adjustment:recorded':
      return period(ev.data.period) ?? unit(ev.data.unit) ?? runs(ev.data.unit, ev.data.track) ?? freshId(ev.data.id);
    case 'veto:recorded':
      return period(ev.data.period) ?? unit(ev.data.unit) ?? (ev.data.track ? runs(ev.data.unit, ev.data.track) : null) ?? freshId(ev.data.id);
    case 'adjustment:revoked': {
      const a = e.facts.adjustments.get(ev.data.id);
      if (!a) return problem('unknown_adjustment', 'data.id', `加扣分记录「${ev.data.id}」不存在`, `adjustment "${ev.data.id}" does not exist`);
      return a.revoked ? problem('already_revoked', 'data.id', `加扣分记录「${ev.data.id}」已撤销`, `adjustment "${ev.data.id}" is already revoked`) : null;
    }
    case 'veto:revoked': {
      const v = e.facts.vetoes.get(ev.data.id);
      if (!v) return problem('unknown_veto', 'data.id', `一票否决记录「${ev.data.id}」不存在`, `veto "${ev.data.id}" does not exist`);
      return v.revoked ? problem('already_revoked', 'data.id', `一票否决记录「${ev.data.id}」已撤销`, `veto "${ev.data.id}" is already revoked`) : null;
    }
    case 'waiver:decided': {
      const d = ev.data;
      const a = e.facts.adjustments.get(d.target);
      const v = e.facts.vetoes.get(d.target);
      if ((!a || a.revoked) && (!v || v.revoked)) {
        return problem('unknown_target', 'data.target', `扣分或否决记录「${d.target}」不存在或已撤销`, `no deduction or veto "${d.target}"`);
      }
      if (a && a.kind === 'bonus') return problem('bonus_not_waivable', 'data.target', `「${d.target}」是加分,不能申请容错`, `"${d.target}" is a bonus; only deductions and vetoes can be waived`);
      if (d.decision === 'partial') {
        if (!a) return problem('partial_veto', 'data.decision', '一票否决只能整体免除或驳回,不能部分免除', 'a veto can be waived or not, not in part');
        if (d.points === undefined || d.points > a.points) {
          return problem('partial_points', 'data.points', `部分免除须填写免除分值(不超过原扣分 ${a.points})`, `a partial waiver needs points (at most ${a.points})`);
        }
      }
      return null;
    }
    case 'rating:recorded':
      if (!c.raterIdx.has(ev.data.raterGroup)) {
        return problem('unknown_rater_group', 'data.raterGroup', `测评主体「${ev.data.raterGroup}」不存在`, `rater group "${ev.data.raterGroup}" does not exist`);
      }
      return period(ev.data.period) ?? cadre(ev.data.cadre);
    case 'cadre:adjusted':
      return period(ev.data.period) ?? cadre(ev.data.cadre) ?? freshId(ev.data.id);
    case 'period:published':
      return period(ev.data.period);
    case 'scheme:changed': {
      const problems = validateScheme(ev.data.scheme).problems;
      if (problems[0]) return problems[0];
      const ids = new Set(ev.data.scheme.season.periods.map((p) => p.id));
      const from = ev.data.effectiveFrom;
      if (from !== undefined && !ids.has(from)) return problem('unknown_period', 'data.effectiveFrom', `生效考核期「${from}」不在新方案的考核期中`, `the new scheme has no period "${from}" to take effect from`);
      const stray = ev.data.rescore?.periods.find((p) => !ids.has(p));
      return stray === undefined ? null : problem('unknown_period', 'data.rescore.periods', `重新计分的考核期「${stray}」不在新方案中`, `the new scheme has no period "${stray}" to re-score`);
    }
  }
}
