/** Zod issues as problems a person can act on, in Chinese and English. */
import type { core } from 'zod';
import { formatPath, locate, valueAt } from './paths.ts';
import type { Problem } from '../engine/types.ts';

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
    `${where.zh ? where.zh + '：' : ''}${zh}`,
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
