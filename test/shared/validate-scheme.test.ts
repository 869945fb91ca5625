import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScheme, formatPath } from '../../shared/validate-scheme.ts';

/** A small valid scheme: two towns and a department, two tracks, the department on one track with an override. */
function base() {
  return {
    name: '2026年度一线赛马',
    season: {
      id: 's2026',
      name: '2026年度',
      currentPeriod: 'm01',
      periods: [
        { id: 'm01', name: '1月', kind: 'month', expectedProgress: 8.3 },
        { id: 'm02', name: '2月', kind: 'month', expectedProgress: 16.7 },
      ],
    },
    tracks: [
      {
        id: 'project',
        name: '项目建设',
        light: { mode: 'progress', indicator: 'P03' },
        indicators: [
          { code: 'P01', name: '固定资产投资完成率', measure: '%', fullMarks: 40, method: { kind: 'completion', cap: 1.2 }, targets: { t1: 100, t2: 100 } },
          { code: 'P02', name: '新开工项目数', measure: '个', fullMarks: 30, method: { kind: 'rank', tiers: [{ top: 1, points: 30 }, { top: 2, points: 20 }] } },
          { code: 'P03', name: '项目建设序时进度', measure: '%', fullMarks: 30, method: { kind: 'threshold', tiers: [{ bound: 100, points: 30 }, { bound: 90, points: 20 }] } },
        ],
      },
      {
        id: 'enterprise',
        name: '为企服务',
        indicators: [
          { code: 'E01', name: '企业诉求办结率', measure: '%', fullMarks: 50, method: { kind: 'efficacy' } },
          { code: 'E02', name: '营商环境满意度', fullMarks: 20, method: { kind: 'grade', points: { 优: 20, 良: 15 } } },
          { code: 'E03', name: '涉企投诉件数', direction: 'lower', fullMarks: 10, method: { kind: 'deduct', step: 2 } },
          { code: 'E04', name: '规上企业营收', fullMarks: 20, method: { kind: 'growth', targetGrowth: 10, step: 1 }, baseline: 1000 },
        ],
      },
    ],
    groups: [
      { id: 'strong', name: '经济强镇组', units: ['t1', 't2'], tracks: ['project', 'enterprise'] },
      {
        id: 'dept',
        name: '县直部门组',
        units: ['d1'],
        tracks: ['enterprise'],
        overrides: { enterprise: { indicators: ['E01', 'E02', 'E03'], fullMarks: { E01: 70, E02: 20, E03: 10 } } },
      },
    ],
    units: [
      { id: 't1', name: '城关镇' },
      { id: 't2', name: '临河镇' },
      { id: 'd1', name: '县发改委', kind: 'department' },
    ],
    cadreGroups: [{ id: 'sec', name: '乡镇党委书记' }],
    cadres: [{ id: 'c1', name: '王建国', unit: 't1', group: 'sec', responsibilities: [{ track: 'project', unit: 't1' }] }],
  };
}
type S = ReturnType<typeof base>;
/* eslint-disable @typescript-eslint/no-explicit-any -- mutations write shapes the fixture's type does not allow */
type Mut = (s: S & Record<string, any>) => void;
const track = (s: S, i: number) => s.tracks[i] as any;
const ind = (s: S, t: number, i: number) => s.tracks[t]!.indicators[i] as any;

describe('validateScheme', () => {
  it('accepts the base scheme and fills defaults', () => {
    const r = validateScheme(base());
    expect(r.problems).toEqual([]);
    expect(r.scheme?.tracks[0]?.totalMarks).toBe(100);
    expect(r.scheme?.grades.map((g) => g.name)).toEqual(['优秀', '良好', '一般', '较差']);
  });

  const table: Array<[string, Mut, string, string, string?]> = [
    // [rule, mutation, code, text the Chinese message must contain, path]
    ['zod: missing required field', (s) => delete ind(s, 0, 0).fullMarks, 'schema_invalid_type', '指标「固定资产投资完成率」', 'tracks[0].indicators[0].fullMarks'],
    ['zod: full marks ≤ 0', (s) => (ind(s, 0, 0).fullMarks = 0), 'schema_too_small', '满分(fullMarks) 必须大于 0'],
    ['zod: rater group weight ≤ 0', (s) => (s.raterGroups = [{ id: 'sup', name: '上级', weight: 0 }]), 'schema_too_small', '测评主体「上级」'],
    ['zod: unknown method', (s) => (ind(s, 0, 1).method = { kind: 'magic' }), 'schema_invalid_union', '"completion"'],
    ['zod: bad code', (s) => (s.units[0]!.id = '城关'), 'schema_invalid_format', '编码只能包含字母'],
    ['zod: a code that names an Object.prototype slot', (s) => (s.units[0]!.id = '__proto__'), 'schema_invalid_format', '不能是 __proto__'],
    ['zod: constructor as a code', (s) => (s.tracks[0]!.id = 'constructor'), 'schema_invalid_format', '不能是 __proto__'],
    ['zod: bad enum', (s) => (ind(s, 1, 2).direction = 'down'), 'schema_invalid_value', '"higher" / "lower"'],
    ['duplicate unit', (s) => s.units.push({ id: 't2', name: '临河镇2' }), 'duplicate_id', '单位编码「t2」重复', 'units[3]'],
    ['duplicate track', (s) => s.tracks.push({ ...track(s, 1), name: '为企服务2' }), 'duplicate_id', '赛道编码「enterprise」重复'],
    ['duplicate group', (s) => s.groups.push({ ...(s.groups[1] as any), units: [] }), 'duplicate_id', '分组编码「dept」重复'],
    ['duplicate indicator in a track', (s) => track(s, 0).indicators.push({ ...ind(s, 0, 2), fullMarks: 1 }), 'duplicate_id', '赛道「项目建设」中指标编码「P03」重复'],
    ['indicator code used in two tracks', (s) => track(s, 1).indicators.push({ ...ind(s, 0, 2), fullMarks: 1 }), 'duplicate_indicator_code', '指标编码「P03」同时出现在赛道「项目建设」和「为企服务」中', 'tracks[1].indicators[4].code'],
    ['duplicate period', (s) => s.season.periods.push({ id: 'm01', name: '1月', kind: 'month', expectedProgress: 1 }), 'duplicate_id', '考核期编码「m01」重复'],
    ['duplicate cadre', (s) => s.cadres.push({ ...s.cadres[0]!, name: '李四' }), 'duplicate_id', '干部编码「c1」重复'],
    ['duplicate cadre group', (s) => s.cadreGroups.push({ id: 'sec', name: '书记' }), 'duplicate_id', '干部分组编码「sec」重复'],
    ['duplicate rater group', (s) => (s.raterGroups = [{ id: 'a', name: '上级', weight: 1 }, { id: 'a', name: '同级', weight: 1 }]), 'duplicate_id', '测评主体编码「a」重复'],
    ['group names unknown unit', (s) => s.groups[0]!.units.push('t9'), 'unknown_unit', '分组「经济强镇组」引用了不存在的单位「t9」', 'groups[0].units[2]'],
    ['group names unknown track', (s) => s.groups[1]!.tracks.push('rural'), 'unknown_track', '不存在的赛道「rural」'],
    ['unit listed twice in a group', (s) => s.groups[0]!.units.push('t1'), 'duplicate_member', '单位「城关镇」出现了两次'],
    ['unit in two groups sharing a track', (s) => s.groups[1]!.units.push('t2'), 'unit_in_two_groups', '单位「临河镇」同时在分组「经济强镇组」和「县直部门组」'],
    ['unit in no group', (s) => s.units.push({ id: 't3', name: '白沙镇' }), 'unit_without_group', '单位「白沙镇」不在任何分组中'],
    ['full marks do not add up', (s) => (ind(s, 0, 0).fullMarks = 35), 'full_marks_sum', '赛道「项目建设」分组「经济强镇组」：各指标满分合计 95，应为 100', 'tracks[0].indicators'],
    ['override full marks do not add up', (s) => ((s.groups[1] as any).overrides.enterprise.fullMarks.E01 = 65), 'full_marks_sum', '赛道「为企服务」分组「县直部门组」：各指标满分合计 95，应为 100', 'groups[1].overrides.enterprise'],
    ['override names unknown indicator', (s) => (s.groups[1] as any).overrides.enterprise.indicators.push('E99'), 'override_unknown_indicator', '不存在的指标「E99」'],
    ['override full marks of unknown indicator', (s) => ((s.groups[1] as any).overrides.enterprise.fullMarks.X1 = 1), 'override_unknown_indicator', '不存在的指标「X1」', 'groups[1].overrides.enterprise.fullMarks.X1'],
    ['override names unknown track', (s) => ((s.groups[1] as any).overrides.rural = { fullMarks: {} }), 'override_unknown_track', '不存在的赛道「rural」'],
    ['override of a track the group does not run', (s) => ((s.groups[1] as any).overrides.project = { indicators: ['P01'] }), 'override_track_not_run', '分组「县直部门组」没有参加赛道「项目建设」'],
    ['threshold tiers out of order (higher)', (s) => ind(s, 0, 2).method.tiers.reverse(), 'tiers_order', '赛道「项目建设」指标「项目建设序时进度」：档次表顺序不对'],
    ['threshold tiers out of order (lower)', (s) => Object.assign(ind(s, 0, 2), { direction: 'lower' }), 'tiers_order', '越低越好的指标从低到高排列'],
    ['rank tiers top not ascending', (s) => ind(s, 0, 1).method.tiers.reverse(), 'tiers_order', '指标「新开工项目数」：名次档次应从前到后排列'],
    ['rank tiers points increasing', (s) => (ind(s, 0, 1).method.tiers[1].points = 31), 'tiers_order', '名次档次分值不能递增'],
    ['override method tiers out of order', (s) => ((s.groups[1] as any).overrides.enterprise.methods = { E01: { kind: 'threshold', tiers: [{ bound: 1, points: 1 }, { bound: 2, points: 2 }] } }), 'tiers_order', '赛道「为企服务」分组「县直部门组」指标「企业诉求办结率」：档次表顺序不对'],
    ['tier points above full marks', (s) => (ind(s, 0, 2).method.tiers[0].points = 35), 'points_above_full_marks', '赛道「项目建设」分组「经济强镇组」指标「项目建设序时进度」：满分为 30，但计分表中有 35 分', 'tracks[0].indicators[2].method.tiers[0].points'],
    ['grade points above overridden full marks', (s) => Object.assign((s.groups[1] as any).overrides.enterprise.fullMarks, { E01: 75, E02: 15 }), 'points_above_full_marks', '分组「县直部门组」指标「营商环境满意度」：满分为 15，但计分表中有 20 分'],
    ['threshold tiers top out below full marks', (s) => Object.assign(ind(s, 0, 2), { fullMarks: 35 }) && (ind(s, 0, 0).fullMarks = 35), 'points_below_full_marks', '赛道「项目建设」分组「经济强镇组」指标「项目建设序时进度」：满分为 35，但档次表最高只有 30 分', 'tracks[0].indicators[2].method.tiers'],
    ['rank tiers top out below full marks', (s) => (ind(s, 0, 1).method.tiers = [{ top: 1, points: 25 }, { top: 2, points: 20 }]), 'points_below_full_marks', '指标「新开工项目数」：满分为 30，但档次表最高只有 25 分'],
    ['grade table below overridden full marks', (s) => Object.assign((s.groups[1] as any).overrides.enterprise.fullMarks, { E01: 60, E02: 30 }), 'points_below_full_marks', '赛道「为企服务」分组「县直部门组」指标「营商环境满意度」：满分为 30，但等级分值表最高只有 20 分', 'tracks[1].indicators[1].method.points'],
    ['override threshold below the group full marks', (s) => ((s.groups[1] as any).overrides.enterprise.methods = { E01: { kind: 'threshold', tiers: [{ bound: 95, points: 60 }, { bound: 90, points: 40 }] } }), 'points_below_full_marks', '赛道「为企服务」分组「县直部门组」指标「企业诉求办结率」：满分为 70，但档次表最高只有 60 分', 'groups[1].overrides.enterprise.methods.E01.tiers'],
    ['one table short in two groups is one problem naming both', (s) => (ind(s, 1, 1).method.points = { 优: 15, 良: 10 }), 'points_below_full_marks', '赛道「为企服务」分组「经济强镇组」「县直部门组」指标「营商环境满意度」：满分为 20，但等级分值表最高只有 15 分'],
    ['range min above max', (s) => (ind(s, 0, 0).range = { min: 10, max: 5 }), 'range_bounds', '赛道「项目建设」指标「固定资产投资完成率」：取值范围的下限 10 高于上限 5', 'tracks[0].indicators[0].range.min'],
    ['range allows a grade the table does not score', (s) => (ind(s, 1, 1).range = { grades: ['优', '中'] }), 'range_unknown_grade', '指标「营商环境满意度」：允许的等次「中」不在等级分值表中', 'tracks[1].indicators[1].range.grades[1]'],
    ['zod: override method shape names the track and indicator', (s) => ((s.groups[1] as any).overrides.enterprise.methods = { E01: { kind: 'threshold' } }), 'schema_invalid_type', '分组「县直部门组」赛道「为企服务」指标「企业诉求办结率」：缺少必填字段 档次表(tiers)', 'groups[1].overrides.enterprise.methods.E01.tiers'],
    ['rank with neither step nor tiers', (s) => (ind(s, 0, 1).method = { kind: 'rank' }), 'rank_without_rule', '指标「新开工项目数」：按排名赋分计分，但既没有步长'],
    ['completion without a target', (s) => delete ind(s, 0, 0).targets.t2, 'missing_target', '赛道「项目建设」分组「经济强镇组」指标「固定资产投资完成率」：按目标完成率计分，但「临河镇」没有目标值', 'tracks[0].indicators[0].targets'],
    ['override method needs a target', (s) => ((s.groups[1] as any).overrides.enterprise.methods = { E02: { kind: 'completion' } }), 'missing_target', '分组「县直部门组」指标「营商环境满意度」：按目标完成率计分，但「县发改委」'],
    ['growth without a baseline', (s) => Object.assign(ind(s, 1, 3), { baseline: undefined, baselines: { t1: 900 } }), 'missing_baseline', '「临河镇」没有非零基数'],
    ['growth with a zero baseline', (s) => Object.assign(ind(s, 1, 3), { baselines: { t1: 0 } }), 'missing_baseline', '「城关镇」没有非零基数'],
    ['grade method with empty points', (s) => (ind(s, 1, 1).method.points = {}), 'grade_points_empty', '指标「营商环境满意度」：按定性评价计分，但等级分值表是空的'],
    ['current period unknown', (s) => (s.season.currentPeriod = 'm13'), 'unknown_period', '当前考核期「m13」'],
    ['cadre of unknown unit', (s) => (s.cadres[0]!.unit = 'x1'), 'cadre_unknown_unit', '干部「王建国」所在单位「x1」不存在'],
    ['cadre of unknown cadre group', (s) => (s.cadres[0]!.group = 'mayor'), 'cadre_unknown_group', '干部「王建国」的干部分组「mayor」不存在'],
    ['responsibility for unknown track', (s) => s.cadres[0]!.responsibilities.push({ track: 'rural', unit: 't1' }), 'responsibility_unknown_track', '负责的赛道「rural」不存在'],
    ['responsibility for unknown unit', (s) => s.cadres[0]!.responsibilities.push({ track: 'project', unit: 'x2' }), 'responsibility_unknown_unit', '负责的单位「x2」不存在'],
    ['responsibility on a track the unit does not run', (s) => s.cadres[0]!.responsibilities.push({ track: 'project', unit: 'd1' }), 'responsibility_track_not_run', '负责单位「县发改委」的赛道「项目建设」'],
    ['grade bands out of order', (s) => (s.grades = [{ name: '良好', min: 80 }, { name: '优秀', min: 90 }, { name: '较差' }]), 'grade_bands_order', '等次「优秀」的最低分 90 应低于上一等次「良好」'],
    ['grade band without min not last', (s) => (s.grades = [{ name: '优秀', min: 90 }, { name: '较差' }, { name: '一般', min: 60 }]), 'grade_band_without_min', '等次「较差」没有最低分'],
    ['progress light names unknown indicator', (s) => (track(s, 0).light.indicator = 'P99'), 'light_unknown_indicator', '赛道「项目建设」亮灯规则按序时进度亮灯,但指标「P99」不存在'],
    ['default progress light names unknown indicator', (s) => (s.rules = { light: { mode: 'progress', indicator: 'Z1' } }), 'light_unknown_indicator', '指标「Z1」不存在', 'rules.light.indicator'],
    ['red + yellow share > 1', (s) => (s.rules = { light: { mode: 'rank', redShare: 0.6, yellowShare: 0.5 } }), 'light_shares', '红灯比例 0.6 加黄灯比例 0.5 超过 1'],
    ['score light bands inverted', (s) => (track(s, 1).light = { mode: 'score', redBelow: 80, yellowBelow: 60 }), 'light_bands', '赛道「为企服务」亮灯规则的红灯分数线 80 高于黄灯分数线 60'],
  ];

  it('reports a short table once per full marks, in English too', () => {
    const s = base();
    ind(s, 1, 1).method.points = { 优: 15, 良: 10 };
    const hits = validateScheme(s).problems.filter((p) => p.code === 'points_below_full_marks');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.en).toBe('Track 为企服务, groups 经济强镇组, 县直部门组, indicator 营商环境满意度: full marks are 20 but the grade table tops out at 15 points, so no unit can reach full marks; give the top entry 20 points or set full marks to 15');
  });

  it.each(table)('%s', (_rule, mutate, code, zh, path) => {
    const s = base();
    mutate(s as S & Record<string, any>);
    const { scheme, problems } = validateScheme(s);
    expect(scheme).toBeNull();
    const hit = problems.find((p) => p.code === code && p.zh.includes(zh));
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit!.en.length).toBeGreaterThan(10);
    if (path) expect(hit!.path).toBe(path);
  });

  it('warns about unknown fields (typos) without rejecting the scheme', () => {
    const s = base() as S & Record<string, any>;
    s.$schema = '../shared/scheme.schema.json';
    track(s, 0).deductioncap = 10;
    ind(s, 1, 0).method.bsae = 0.5;
    (s.groups[1] as any).overrides.enterprise.fullmarks = {};
    s.colour = 'red';
    const r = validateScheme(s);
    expect(r.problems).toEqual([]);
    expect(r.scheme).not.toBeNull();
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown_field', 'tracks[0].deductioncap'],
      ['unknown_field', 'tracks[1].indicators[0].method.bsae'],
      ['unknown_field', 'groups[1].overrides.enterprise.fullmarks'],
      ['unknown_field', 'colour'],
    ]);
    expect(r.warnings[0]!.zh).toBe('赛道「项目建设」:不认识的字段「deductioncap」,已忽略;是不是「deductionCap」?');
    expect(r.warnings[1]!.zh).toContain('是不是「base」');
    expect(r.warnings[3]!.en).toBe('unknown field "colour" is ignored');
    expect(validateScheme(base()).warnings).toEqual([]);
  });

  it('reports every problem, not just the first', () => {
    const s = base();
    s.units.push({ id: 't1', name: 'x' });
    ind(s, 0, 0).fullMarks = 35;
    s.season.currentPeriod = 'q9';
    const codes = validateScheme(s).problems.map((p) => p.code).sort();
    expect(codes).toEqual(['duplicate_id', 'full_marks_sum', 'unknown_period']);
  });

  it('rejects non-objects with a readable problem', () => {
    const r = validateScheme(42);
    expect(r.scheme).toBeNull();
    expect(r.problems[0]).toMatchObject({ code: 'schema_invalid_type', path: '$' });
  });

  it('never throws, whatever it is given', () => {
    for (const v of [{ toString: null }, JSON.parse('{"__proto__": {"name": 1}, "constructor": 2}'), { ...base(), tracks: [{ hasOwnProperty: 1 }] }])
      expect(validateScheme(v).scheme).toBeNull();
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (v) => {
        const r = validateScheme(v);
        expect(r.scheme === null || r.problems.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Random damage to a valid scheme: still only problems, each with a code, a path and messages.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.jsonValue()), { minLength: 1, maxLength: 4 }), (edits) => {
        const s = base() as unknown as Record<string, unknown>;
        for (const [k, v] of edits) {
          const keys = ['name', 'season', 'tracks', 'groups', 'units', 'cadres', 'grades', 'rules', 'raterGroups'];
          s[keys[k % keys.length]!] = v;
        }
        for (const p of validateScheme(s).problems) expect(p.code && p.path && p.zh && p.en).toBeTruthy();
      }),
      { numRuns: 200 },
    );
  });

  it('formats paths', () => {
    expect(formatPath(['tracks', 0, 'indicators', 2, 'fullMarks'])).toBe('tracks[0].indicators[2].fullMarks');
    expect(formatPath(['groups', 1, 'overrides', 'a-b', 'fullMarks', 'E.1'])).toBe('groups[1].overrides["a-b"].fullMarks["E.1"]');
  });
});
