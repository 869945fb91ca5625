/**
 * Scheme validation (方案校验): the zod schema first (shape, ranges), then the rules a schema
 * cannot express — unique ids, references, full marks adding up per group, tier tables in order.
 * Every problem carries a JSON path and a Chinese and an English message a person can act on.
 */
import type { core } from 'zod';
import { SchemeSchema } from './scheme.ts';
import type { Group, Indicator, LightRule, Method, Scheme, Track } from './scheme.ts';
import type { Problem } from './engine/types.ts';

type Path = ReadonlyArray<PropertyKey>;

/** `tracks[0].indicators[2].fullMarks`; record keys that are not plain names are quoted. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(p))) out += (out ? '.' : '') + String(p);
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '$';
}

/**
 * Validates a scheme as written (JSON, defaults may be omitted). `scheme` is the parsed scheme
 * with defaults filled in, or null when there is any problem: a scheme with problems must not
 * be scored. `warnings` name fields the scheme does not know (they are ignored), usually typos.
 */
export function validateScheme(input: unknown): { scheme: Scheme | null; problems: Problem[]; warnings: Problem[] } {
  const warnings: Problem[] = [];
  unknownFields(SchemeSchema, input, [], warnings);
  const parsed = SchemeSchema.safeParse(input);
  if (!parsed.success) return { scheme: null, problems: parsed.error.issues.map((i) => fromZodIssue(i, input)), warnings };
  const problems = checkSemantics(parsed.data);
  return { scheme: problems.length ? null : parsed.data, problems, warnings };
}

// ---------------------------------------------------------------------------------------------
// unknown fields: zod drops them silently, so a typo ("deductioncap") would just be ignored

interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  valueType?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  options?: Array<{ _zod: { def: ZodDef } }>;
  discriminator?: string;
  values?: unknown[];
}

function unknownFields(schema: { _zod: { def: ZodDef } }, input: unknown, path: Path, out: Problem[], root: unknown = input): void {
  const def = schema._zod.def;
  if (input === null || typeof input !== 'object') return;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      if (def.innerType) unknownFields(def.innerType, input, path, out, root);
      return;
    case 'pipe':
      if (def.in) unknownFields(def.in, input, path, out, root);
      return;
    case 'array':
      if (Array.isArray(input) && def.element) input.forEach((v, i) => unknownFields(def.element!, v, [...path, i], out, root));
      return;
    case 'record':
      if (def.valueType) for (const [k, v] of Object.entries(input)) unknownFields(def.valueType, v, [...path, k], out, root);
      return;
    case 'union': {
      const d = def.discriminator;
      const tag = d ? (input as Record<string, unknown>)[d] : undefined;
      const option = d ? def.options?.find((o) => o._zod.def.shape?.[d]?._zod.def.values?.includes(tag)) : undefined;
      if (option) unknownFields(option, input, path, out, root);
      return;
    }
    case 'object': {
      if (Array.isArray(input) || !def.shape) return;
      const known = Object.keys(def.shape);
      for (const [k, v] of Object.entries(input)) {
        const field = Object.hasOwn(def.shape, k) ? def.shape[k] : undefined;
        if (field) unknownFields(field, v, [...path, k], out, root);
        else if (!k.startsWith('$') && !k.startsWith('//')) {
          const guess = closest(k, known);
          const where = locate(root, path);
          out.push({
            code: 'unknown_field',
            path: formatPath([...path, k]),
            zh: `${where.zh ? where.zh + ':' : ''}不认识的字段「${k}」,已忽略${guess ? `;是不是「${guess}」?` : ''}`,
            en: `${where.en ? where.en + ': ' : ''}unknown field "${k}" is ignored${guess ? `; did you mean "${guess}"?` : ''}`,
          });
        }
      }
      return;
    }
  }
}

/** The known name closest to `k` (case-insensitive, at most 2 edits away), if any. */
function closest(k: string, known: string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const c of known) {
    const d = c.toLowerCase() === k.toLowerCase() ? 0 : editDistance(k.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// zod issues → problems

const LISTS: Record<string, [string, string]> = {
  periods: ['考核期', 'period'],
  tracks: ['赛道', 'track'],
  indicators: ['指标', 'indicator'],
  groups: ['分组', 'group'],
  units: ['单位', 'unit'],
  cadres: ['干部', 'cadre'],
  cadreGroups: ['干部分组', 'cadre group'],
  raterGroups: ['测评主体', 'rater group'],
  grades: ['等次', 'grade band'],
  tiers: ['档次', 'tier'],
  responsibilities: ['责任', 'responsibility'],
};

const FIELDS: Record<string, string> = {
  id: '编码', code: '编码', name: '名称', kind: '类型', weight: '权重', fullMarks: '满分', totalMarks: '满分合计',
  method: '计分方法', direction: '方向', missing: '缺报处理', measure: '计量单位', owner: '报送单位', target: '目标值',
  targets: '分单位目标值', baseline: '基数', baselines: '分单位基数', tiers: '档次表', bound: '界限', points: '分值',
  top: '名次', step: '步长', floor: '保底分', cap: '封顶系数', base: '基础分系数', best: '满意值', worst: '不允许值',
  targetGrowth: '目标增速', par: '达标得分系数', bonusCap: '加分上限', deductionCap: '扣分上限', alpha: '实绩权重 α',
  light: '亮灯规则', season: '赛季', currentPeriod: '当前考核期', expectedProgress: '序时进度', share: '责任份额',
  unit: '单位', group: '分组', track: '赛道', quota: '比例上限', min: '最低分', redList: '红榜人数', blackList: '黑榜人数',
  warningAfter: '约谈期数', rules: '规则', redShare: '红灯比例', yellowShare: '黄灯比例', redBelow: '红灯分数线',
  yellowBelow: '黄灯分数线', schemaVersion: '格式版本', overrides: '差异化设置', period: '考核期', indicator: '指标',
  value: '数值', cadre: '干部', raterGroup: '测评主体', rater: '测评人', score: '分数', reason: '理由', decision: '决定',
  evidence: '佐证材料', reasoning: '理由说明', reference: '文号', note: '说明', source: '来源', data: '事件内容'
};

/** "赛道「项目建设」指标「新开工项目数」" — the named items along the path, read from the raw input. */
function locate(input: unknown, path: Path): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  let cur: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (cur === null || typeof cur !== 'object') break;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
    const list = LISTS[String(path[i - 1] ?? '')];
    if (typeof key === 'number' && list) {
      const o = (cur && typeof cur === 'object' ? cur : {}) as Record<string, unknown>;
      const label = [o.name, o.id, o.code].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
      zh.push(label ? `${list[0]}「${label}」` : `第 ${key + 1} 个${list[0]}`);
      en.push(label ? `${list[1]} ${label}` : `${list[1]} #${key + 1}`);
    }
  }
  return { zh: zh.join(''), en: en.join(', ') };
}

function valueAt(input: unknown, path: Path): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k as string];
  }
  return cur;
}

const TYPE_ZH: Record<string, string> = { number: '数字', string: '文本', object: '对象', array: '数组', boolean: '真/假', record: '对象' };

/**
 * A zod issue as a problem a person can act on: the named items along the path (赛道「…」指标「…」)
 * are read from the raw input. Also used for event files and request bodies.
 */
export function fromZodIssue(issue: core.$ZodIssue, input: unknown): Problem {
  const path = issue.path;
  const where = locate(input, path);
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const fieldZh = last ? `${FIELDS[last] ?? last}(${last})` : '方案';
  const fieldEn = last ?? 'scheme';
  const pre = (zh: string, en: string): [string, string] => [
    `${where.zh ? where.zh + ':' : ''}${zh}`,
    `${where.en ? where.en + ': ' : ''}${en}`,
  ];
  let msg: [string, string];
  switch (issue.code) {
    case 'invalid_type': {
      const missing = valueAt(input, path) === undefined;
      msg = missing
        ? pre(`缺少必填字段 ${fieldZh}`, `${fieldEn} is required`)
        : pre(`${fieldZh} 应为${TYPE_ZH[issue.expected] ?? issue.expected}`, `${fieldEn} must be a ${issue.expected}`);
      break;
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') msg = pre(`${fieldZh} 至少需要 ${n} 项`, `${fieldEn} needs at least ${n} item(s)`);
      else if (issue.origin === 'string') msg = pre(`${fieldZh} 不能为空`, `${fieldEn} must not be empty`);
      else if (issue.inclusive) msg = pre(`${fieldZh} 不能小于 ${n}`, `${fieldEn} must be at least ${n}`);
      else msg = pre(`${fieldZh} 必须大于 ${n}`, `${fieldEn} must be greater than ${n}`);
      break;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') msg = pre(`${fieldZh} 最多 ${n} 项`, `${fieldEn} may have at most ${n} items`);
      else if (issue.origin === 'string') msg = pre(`${fieldZh} 最长 ${n} 个字符`, `${fieldEn} may be at most ${n} characters`);
      else if (issue.inclusive) msg = pre(`${fieldZh} 不能大于 ${n}`, `${fieldEn} must be at most ${n}`);
      else msg = pre(`${fieldZh} 必须小于 ${n}`, `${fieldEn} must be less than ${n}`);
      break;
    }
    case 'invalid_format':
      msg = pre(`${fieldZh} 格式不对:编码只能包含字母、数字和 _ . -,且不能是 __proto__、constructor、prototype`, `${fieldEn} is not a valid code (letters, digits, _ . - only; not __proto__, constructor or prototype)`);
      break;
    case 'invalid_value': {
      const vals = issue.values.map((v) => JSON.stringify(v)).join(' / ');
      msg = pre(`${fieldZh} 只能是 ${vals}`, `${fieldEn} must be one of ${vals}`);
      break;
    }
    case 'invalid_union': {
      const opts = (issue as { options?: unknown[] }).options;
      msg = opts
        ? pre(`${fieldZh} 只能是 ${opts.map((o) => JSON.stringify(o)).join(' / ')}`, `${fieldEn} must be one of ${opts.map((o) => JSON.stringify(o)).join(' / ')}`)
        : last === 'value'
          ? pre(`${fieldZh} 应为数字、等级文本(如 "优")或 null`, `${fieldEn} must be a number, a grade label (e.g. "A") or null`)
          : pre(`${fieldZh} 的取值不符合任何一种允许的形式`, `${fieldEn} does not match any allowed form`);
      break;
    }
    case 'unrecognized_keys':
      msg = pre(`不认识的字段 ${issue.keys.join('、')}`, `unknown field(s) ${issue.keys.join(', ')}`);
      break;
    case 'invalid_key':
      msg = pre(`${fieldZh} 中有不合格的键(编码只能包含字母、数字和 _ . -)`, `${fieldEn} has an invalid key (codes: letters, digits, _ . -)`);
      break;
    default:
      msg = pre(`${fieldZh}:${issue.message}`, `${fieldEn}: ${issue.message}`);
  }
  return { code: `schema_${issue.code}`, path: formatPath(path), zh: msg[0], en: msg[1] };
}

// ---------------------------------------------------------------------------------------------
// semantic rules

export const METHOD_ZH: Record<Method['kind'], string> = {
  completion: '目标完成率', efficacy: '功效系数法', rank: '排名赋分', threshold: '阈值达标', growth: '增速', grade: '定性评价', deduct: '扣分法',
};

/** The indicators a group uses on a track after its override (差异化考核), with effective marks and method. */
export interface EffectiveIndicator {
  indicator: Indicator;
  index: number;
  fullMarks: number;
  method: Method;
}

export function effectiveIndicators(track: Track, group: Group): EffectiveIndicator[] {
  const ov = group.overrides?.[track.id];
  const chosen = ov?.indicators ? new Set(ov.indicators) : null;
  const out: EffectiveIndicator[] = [];
  track.indicators.forEach((indicator, index) => {
    if (chosen && !chosen.has(indicator.code)) return;
    const m = ov?.methods?.[indicator.code];
    out.push({
      indicator,
      index,
      fullMarks: ov?.fullMarks?.[indicator.code] ?? indicator.fullMarks,
      method: m ?? indicator.method,
    });
  });
  return out;
}

function checkSemantics(s: Scheme): Problem[] {
  const out: Problem[] = [];
  const add = (code: string, path: Path, zh: string, en: string) => out.push({ code, path: formatPath(path), zh, en });

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

  const units = new Map(s.units.map((u) => [u.id, u]));
  const tracks = new Map(s.tracks.map((t) => [t.id, t]));
  const periods = new Set(s.season.periods.map((p) => p.id));
  const unitName = (id: string) => units.get(id)?.name ?? id;

  if (s.season.currentPeriod !== undefined && !periods.has(s.season.currentPeriod))
    add('unknown_period', ['season', 'currentPeriod'], `当前考核期「${s.season.currentPeriod}」不在赛季的考核期列表中`, `current period "${s.season.currentPeriod}" is not one of the season's periods`);

  // Group membership: references, one group per unit and track, no unit left out.
  const groupOf = new Map<string, Map<string, Group>>(); // track → unit → group
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

  // Per track: tier tables and rules of the track's own methods.
  s.tracks.forEach((t, ti) => {
    t.indicators.forEach((ind, ii) => checkMethod(ind, ind.method, ['tracks', ti, 'indicators', ii, 'method'], t, add));
    if (t.light) checkLight(t.light, ['tracks', ti, 'light'], (code) => t.indicators.some((i) => i.code === code), `赛道「${t.name}」`, `Track ${t.name}`, add);
  });
  checkLight(s.rules.light, ['rules', 'light'], (code) => s.tracks.some((t) => t.indicators.some((i) => i.code === code)), '默认', 'Default', add);

  // Per (track, group): overrides, full-marks sum, targets and baselines, points within full marks.
  const pointsChecked = new Set<string>();
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
        if (ind) checkMethod(ind, m, [...base, 'methods', c], t, add);
      }
    }
    for (const tid of g.tracks) {
      const t = tracks.get(tid);
      if (!t) continue;
      const ti = s.tracks.indexOf(t);
      const eff = effectiveIndicators(t, g);
      const sum = round4(eff.reduce((a, e) => a + e.fullMarks, 0));
      if (Math.abs(sum - t.totalMarks) > 1e-6)
        add('full_marks_sum', g.overrides?.[tid] ? ['groups', gi, 'overrides', tid] : ['tracks', ti, 'indicators'],
          `赛道「${t.name}」在分组「${g.name}」的满分合计 ${sum},应为 ${t.totalMarks}`,
          `Track ${t.name} in group ${g.name}: full marks add up to ${sum}, should be ${t.totalMarks}`);
      for (const e of eff) {
        checkUnitValues(e, t, ti, g, unitName, add);
        const mPath = g.overrides?.[tid]?.methods?.[e.indicator.code] ? ['groups', gi, 'overrides', tid, 'methods', e.indicator.code] : ['tracks', ti, 'indicators', e.index, 'method'];
        const key = `${formatPath(mPath)}@${e.fullMarks}`;
        if (!pointsChecked.has(key)) {
          pointsChecked.add(key);
          checkPoints(e, mPath, t, g, add);
        }
      }
    }
  });

  // Cadres.
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

  // Grade bands: `min` strictly descending, only the last band may omit it.
  s.grades.forEach((b, bi) => {
    if (b.min === undefined && bi !== s.grades.length - 1)
      add('grade_band_without_min', ['grades', bi], `等次「${b.name}」没有最低分,只有最后一个等次可以不设最低分`, `Grade band ${b.name} has no min; only the last band may omit it`);
    const prev = s.grades[bi - 1];
    if (b.min !== undefined && prev?.min !== undefined && b.min >= prev.min)
      add('grade_bands_order', ['grades', bi, 'min'], `等次「${b.name}」的最低分 ${b.min} 应低于上一等次「${prev.name}」的 ${prev.min},等次须按分数从高到低排列`,
        `Grade band ${b.name}: min ${b.min} must be below ${prev.min} of band ${prev.name}; list bands from best to worst`);
  });

  return out;
}

type Add = (code: string, path: Path, zh: string, en: string) => void;

function checkMethod(ind: Indicator, m: Method, path: Path, t: Track, add: Add): void {
  const who = `赛道「${t.name}」指标「${ind.name}」`;
  const whoEn = `Track ${t.name}, indicator ${ind.name}`;
  if (m.kind === 'threshold') {
    const desc = ind.direction === 'higher';
    m.tiers.forEach((tier, i) => {
      const prev = m.tiers[i - 1];
      if (prev && (desc ? tier.bound >= prev.bound : tier.bound <= prev.bound))
        add('tiers_order', [...path, 'tiers', i, 'bound'],
          `${who}的档次表顺序不对:界限 ${tier.bound} 应${desc ? '小于' : '大于'}上一档的 ${prev.bound}(${desc ? '越高越好的指标从高到低排列' : '越低越好的指标从低到高排列'})`,
          `${whoEn}: tier bound ${tier.bound} must be ${desc ? 'below' : 'above'} the previous bound ${prev.bound} (${desc ? 'descending for higher-is-better' : 'ascending for lower-is-better'})`);
    });
  }
  if (m.kind === 'rank') {
    if (m.step === undefined && !m.tiers)
      add('rank_without_rule', path, `${who}按${METHOD_ZH.rank}计分,但既没有步长(step)也没有档次表(tiers)`, `${whoEn}: rank method needs a step or a tier table`);
    m.tiers?.forEach((tier, i) => {
      const prev = m.tiers![i - 1];
      if (prev && tier.top <= prev.top)
        add('tiers_order', [...path, 'tiers', i, 'top'], `${who}的名次档次应从前到后排列:前 ${tier.top} 名应排在前 ${prev.top} 名之前`,
          `${whoEn}: rank tiers must list top in ascending order (top ${tier.top} comes after top ${prev.top})`);
      else if (prev && tier.points > prev.points)
        add('tiers_order', [...path, 'tiers', i, 'points'], `${who}的名次档次分值不能递增:前 ${tier.top} 名得 ${tier.points} 分,高于前 ${prev.top} 名的 ${prev.points} 分`,
          `${whoEn}: rank tier points must not increase (top ${tier.top} gets ${tier.points} > ${prev.points} for top ${prev.top})`);
    });
  }
  if (m.kind === 'grade' && Object.keys(m.points).length === 0)
    add('grade_points_empty', [...path, 'points'], `${who}按${METHOD_ZH.grade}计分,但等级分值表是空的`, `${whoEn}: grade method has an empty points table`);
}

/** Tier and grade points above the (effective) full marks would be cut off silently. */
function checkPoints(e: EffectiveIndicator, path: Path, t: Track, g: Group, add: Add): void {
  const m = e.method;
  const F = e.fullMarks;
  const over: Array<[Path, number]> = [];
  if (m.kind === 'threshold') m.tiers.forEach((x, i) => x.points > F && over.push([[...path, 'tiers', i, 'points'], x.points]));
  if (m.kind === 'rank') {
    m.tiers?.forEach((x, i) => x.points > F && over.push([[...path, 'tiers', i, 'points'], x.points]));
    if (m.floor > F) over.push([[...path, 'floor'], m.floor]);
  }
  if (m.kind === 'grade') for (const [label, pts] of Object.entries(m.points)) if (pts > F) over.push([[...path, 'points', label], pts]);
  for (const [p, pts] of over)
    add('points_above_full_marks', p, `赛道「${t.name}」指标「${e.indicator.name}」在分组「${g.name}」满分为 ${F},但计分表中有 ${pts} 分,超出满分的部分不会计入`,
      `Track ${t.name}, indicator ${e.indicator.name} in group ${g.name}: full marks are ${F} but the table gives ${pts} points; the excess would be cut off`);
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
  if (kind === 'completion')
    add('missing_target', path, `赛道「${t.name}」指标「${ind.name}」按${METHOD_ZH.completion}计分,分组「${g.name}」中「${names.join('」「')}」${more}没有目标值(target 或 targets)`,
      `Track ${t.name}, indicator ${ind.name} (completion): no target (target or targets) for ${names.join(', ')}${moreEn} in group ${g.name}`);
  else
    add('missing_baseline', path, `赛道「${t.name}」指标「${ind.name}」按${METHOD_ZH.growth}计分,分组「${g.name}」中「${names.join('」「')}」${more}没有非零基数(baseline 或 baselines)`,
      `Track ${t.name}, indicator ${ind.name} (growth): no non-zero baseline (baseline or baselines) for ${names.join(', ')}${moreEn} in group ${g.name}`);
}

function checkLight(rule: LightRule, path: Path, knows: (code: string) => boolean, zh: string, en: string, add: Add): void {
  if (rule.mode === 'progress' && !knows(rule.indicator))
    add('light_unknown_indicator', [...path, 'indicator'], `${zh}亮灯规则按序时进度亮灯,但指标「${rule.indicator}」不存在`, `${en} light rule: progress indicator "${rule.indicator}" does not exist`);
  if (rule.mode === 'rank' && rule.redShare + rule.yellowShare > 1)
    add('light_shares', path, `${zh}亮灯规则的红灯比例 ${rule.redShare} 加黄灯比例 ${rule.yellowShare} 超过 1`, `${en} light rule: redShare ${rule.redShare} + yellowShare ${rule.yellowShare} exceeds 1`);
  if (rule.mode === 'score' && rule.redBelow > rule.yellowBelow)
    add('light_bands', path, `${zh}亮灯规则的红灯分数线 ${rule.redBelow} 高于黄灯分数线 ${rule.yellowBelow}`, `${en} light rule: redBelow ${rule.redBelow} is above yellowBelow ${rule.yellowBelow}`);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

