/** The demo season's history: monthly values, ratings, bonuses and deductions, a veto and waivers. */
import type { EventBody } from '../../shared/events.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { effectiveIndicators } from '../../shared/validate-scheme.ts';
import { DEMO_MODELS, modelValue } from './catalog.ts';
import type { DemoEntry, DemoOptions } from './county.ts';
import { formInMonth } from './form.ts';
import { between, chance, clamp, derive, noise, pick, roundTo } from './random.ts';
import type { Rng } from './random.ts';

/** Period id of a month: `m01`…`m12`. */
export const monthPeriod = (m: number): string => `m${String(m).padStart(2, '0')}`;

/** Collects entries with strictly increasing timestamps starting at a given instant. */
class Clockwork {
  readonly entries: DemoEntry[] = [];
  private t = 0;
  at(ms: number): this {
    this.t = Math.max(ms, this.t + 1000);
    return this;
  }
  push(actor: string, body: EventBody): void {
    this.entries.push({ at: new Date(this.t).toISOString(), actor, body });
    this.t += 1000;
  }
}

export function buildHistory(scheme: Scheme, opts: DemoOptions): DemoEntry[] {
  const { seed, year, throughMonth } = opts;
  const out = new Clockwork();
  const day = (m: number, d: number, h = 1) => Date.UTC(year, m - 1, d, h);
  const vetoMonth = Math.max(1, Math.min(4, throughMonth - 1));

  for (let m = 1; m <= throughMonth; m++) {
    const period = monthPeriod(m);
    const rng = derive(seed, 'month', m);
    const expected = scheme.season.periods.find((p) => p.id === period)?.expectedProgress;

    // Data owners report the month's values on the 25th (a few are late or never arrive).
    out.at(day(m, 25));
    for (const g of scheme.groups)
      for (const tid of g.tracks) {
        const track = scheme.tracks.find((t) => t.id === tid)!;
        for (const e of effectiveIndicators(track, g))
          for (const unit of g.units) {
            if (chance(rng, 0.02)) continue;
            const model = DEMO_MODELS.get(e.indicator.code);
            if (!model) continue;
            const q = formInMonth(seed, unit, tid, m) + noise(rng, 0.1);
            const value = modelValue(model.model, q, {
              rng,
              target: e.indicator.targets?.[unit] ?? e.indicator.target,
              baseline: e.indicator.baselines?.[unit] ?? e.indicator.baseline,
              expected,
            });
            out.push(`reporter:${e.indicator.owner ?? 'admin'}`, {
              type: 'value:recorded',
              data: { period, unit, indicator: e.indicator.code, value, source: '月度报送' },
            });
          }
      }

    // 民主测评: superior, peer and subordinate rate every cadre each month; clients rate department heads.
    out.at(day(m, 26));
    for (const c of scheme.cadres) {
      const talent = derive(seed, 'cadre', c.id)();
      const groups = c.group === 'dept-head' ? ['superior', 'peer', 'subordinate', 'client'] : ['superior', 'peer', 'subordinate'];
      for (const raterGroup of groups) {
        const score = roundTo(clamp(74 + 22 * talent + noise(rng, 3), 55, 100), 1);
        out.push('admin', { type: 'rating:recorded', data: { period, cadre: c.id, raterGroup, rater: `${raterGroup}-${m}-${c.id}`, score } });
      }
    }

    // 加分 / 扣分 recorded by the organization department.
    out.at(day(m, 27));
    adjustments(rng, scheme, period, out);
    if (m === 3 && throughMonth >= 3) {
      out.push('admin', {
        type: 'adjustment:recorded',
        data: { id: 'adj-linhe-m03', period, unit: 'linhe', track: 'project', kind: 'deduction', points: 3, reason: '重点项目推进滞后,被市委督查室通报', evidence: ['市督通〔' + year + '〕12号'] },
      });
    }
    if (m === 5 && throughMonth >= 5) {
      out.push('admin', {
        type: 'adjustment:recorded',
        data: { id: 'adj-scjgj-m05', period, unit: 'scjgj', track: 'enterprise', kind: 'deduction', points: 2, reason: '群众举报企业投诉处理超时', evidence: [] },
      });
    }
    // 一票否决: a major safety accident in 白沙镇; its 容错 application is decided the next month.
    if (m === vetoMonth) {
      out.push('admin', {
        type: 'veto:recorded',
        data: { id: `veto-baisha-${period}`, period, unit: 'baisha', reason: '辖区发生较大安全生产事故(山体滑坡致3人死亡)', evidence: ['县应急管理局事故报告'] },
      });
      if (throughMonth >= 2) {
        out.push('admin', {
          type: 'veto:recorded',
          data: { id: `veto-yunxi-${period}`, period, unit: 'yunxi', track: 'governance', reason: '发生越级集体上访事件,造成不良影响', evidence: [] },
        });
      }
    }
    // Waivers are decided early in the following month (or late in the same month for the last one).
    const decideAt = (forMonth: number) => (forMonth < throughMonth ? day(forMonth + 1, 8) : day(forMonth, 28, 8));
    if (m === vetoMonth) {
      out.at(decideAt(m));
      out.push('admin', {
        type: 'waiver:decided',
        data: { target: `veto-baisha-${period}`, decision: 'accepted', reference: `县容错〔${year}〕3号`, reasoning: '经调查,事故系特大暴雨引发山体滑坡所致,镇党委已提前预警并组织转移群众,属"三个区分开来"中推动发展的无意过失,予以容错免责' },
      });
      if (throughMonth >= 2) {
        out.push('admin', { type: 'waiver:decided', data: { target: `veto-yunxi-${period}`, decision: 'rejected', reference: `县容错〔${year}〕4号`, reasoning: '信访事项化解责任落实不到位,不符合容错情形' } });
      }
    }
    if (m === 3 && throughMonth >= 3) {
      out.at(decideAt(m));
      out.push('admin', { type: 'waiver:decided', data: { target: 'adj-linhe-m03', decision: 'partial', points: 2, reference: `县容错〔${year}〕2号`, reasoning: '项目滞后主要因上级用地指标延迟下达,部分免责' } });
    }
    if (m === 5 && throughMonth >= 5) {
      out.at(decideAt(m));
      out.push('admin', { type: 'waiver:decided', data: { target: 'adj-scjgj-m05', decision: 'clarified', reference: `县澄清〔${year}〕1号`, reasoning: '经核查,投诉办理在时限内完成,举报不实,予以澄清正名' } });
    }
    // 晾晒: the month is published on the 10th of the next one.
    if (m < throughMonth) {
      out.at(day(m + 1, 10));
      out.push('admin', { type: 'period:published', data: { period, note: `${m}月赛马结果晾晒` } });
    }
  }
  return out.entries;
}

const BONUS_REASONS = ['工作经验被省级刊物推广', '争取上级专项资金', '获评市级先进典型', '重点工作获县委主要领导肯定性批示'];
const DEDUCTION_REASONS = ['工作推进不力被县委督查室通报', '报送数据不及时', '暗访发现问题整改不到位'];

function adjustments(rng: Rng, scheme: Scheme, period: string, out: Clockwork): void {
  const pickRow = () => {
    const g = pick(rng, scheme.groups);
    return { unit: pick(rng, g.units), track: pick(rng, g.tracks) };
  };
  for (let k = 0; k < 3; k++) {
    const { unit, track } = pickRow();
    const bonus = k < 2;
    out.push('admin', {
      type: 'adjustment:recorded',
      data: {
        id: `adj-${period}-${k + 1}`,
        period,
        unit,
        track,
        kind: bonus ? 'bonus' : 'deduction',
        points: roundTo(between(rng, 0.5, bonus ? 3 : 2), 1),
        reason: pick(rng, bonus ? BONUS_REASONS : DEDUCTION_REASONS),
        evidence: [],
      },
    });
  }
  for (let k = 0; k < 2; k++) {
    const c = pick(rng, scheme.cadres);
    const bonus = k === 0;
    out.push('admin', {
      type: 'cadre:adjusted',
      data: {
        id: `cadj-${period}-${k + 1}`,
        period,
        cadre: c.id,
        kind: bonus ? 'bonus' : 'deduction',
        points: bonus ? 1 : 0.5,
        reason: bonus ? '牵头项目列入省重点项目' : '因工作作风问题被提醒谈话',
      },
    });
  }
}
