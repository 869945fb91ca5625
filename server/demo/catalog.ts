/**
 * The demo county's four tracks (赛道) and their indicators, taken from real 一线赛马 practice,
 * each with a value model that turns a unit's latent form q ∈ [0, 1] into a plausible value.
 */
import type { SchemeInput } from '../../shared/scheme.ts';
import type { Rng } from './random.ts';
import { clamp, roundTo } from './random.ts';

type TrackInput = SchemeInput['tracks'][number];
type IndicatorInput = TrackInput['indicators'][number];

/** How a value is produced from a unit's form q (0 = worst, 1 = best). */
export type ValueModel =
  /** A level between worst and best, e.g. a rate in %. */
  | { kind: 'level'; worst: number; best: number; decimals: number }
  /** A multiple of the unit's target (worst…best × target). */
  | { kind: 'ofTarget'; worst: number; best: number; decimals?: number }
  /** Growth in % over the unit's baseline; the value is baseline × (1 + g/100). */
  | { kind: 'growth'; worst: number; best: number }
  /** 序时进度: a multiple of the period's expected progress, at most 100. */
  | { kind: 'progress'; worst: number; best: number }
  /** A count of good things (projects, enterprises). */
  | { kind: 'count'; worst: number; best: number }
  /** A count of bad things (accidents, complaints): rare for units in good form. */
  | { kind: 'events'; rate: number }
  /** A grade label, best first. */
  | { kind: 'grade'; labels: string[] };

export interface DemoIndicator {
  def: IndicatorInput;
  model: ValueModel;
  /** Per-unit targets are drawn from this range (completion with `targets`). */
  unitTarget?: [number, number];
  /** Per-unit baselines are drawn from this range (growth with `baselines`). */
  unitBaseline?: [number, number];
}

export interface DemoTrack {
  def: Omit<TrackInput, 'indicators'>;
  indicators: DemoIndicator[];
}

export interface ValueContext {
  rng: Rng;
  target?: number | undefined;
  baseline?: number | undefined;
  /** The period's 序时进度 (0–100). */
  expected?: number | undefined;
}

/** A plausible value for form q; deterministic given the rng state. */
export function modelValue(m: ValueModel, q: number, ctx: ValueContext): number | string {
  const f = clamp(q, 0, 1);
  const lerp = (a: number, b: number) => a + (b - a) * f;
  switch (m.kind) {
    case 'level':
      return roundTo(lerp(m.worst, m.best), m.decimals);
    case 'ofTarget':
      return roundTo((ctx.target ?? 100) * lerp(m.worst, m.best), m.decimals ?? 1);
    case 'growth':
      return roundTo((ctx.baseline ?? 100) * (1 + lerp(m.worst, m.best) / 100), 1);
    case 'progress':
      return roundTo(Math.min(100, (ctx.expected ?? 50) * lerp(m.worst, m.best)), 1);
    case 'count':
      return Math.round(lerp(m.worst, m.best));
    case 'events': {
      const p = m.rate * (1 - f) * 0.5;
      return ctx.rng() < p ? (ctx.rng() < 0.25 ? 2 : 1) : 0;
    }
    case 'grade':
      return m.labels[Math.min(m.labels.length - 1, Math.floor((1 - f) * m.labels.length))]!;
  }
}

const pct = (worst: number, best: number, decimals = 1): ValueModel => ({ kind: 'level', worst, best, decimals });

export const DEMO_TRACKS: DemoTrack[] = [
  {
    def: { id: 'rural', name: '乡村振兴', weight: 1, bonusCap: 5, deductionCap: 10 },
    indicators: [
      {
        def: { code: 'R01', name: '村集体经济收入', measure: '万元', fullMarks: 20, method: { kind: 'growth', targetGrowth: 10, step: 1 }, missing: 'carry', owner: 'nyncj' },
        model: { kind: 'growth', worst: -4, best: 24 },
        unitBaseline: [80, 420],
      },
      {
        def: { code: 'R02', name: '高标准农田建设面积', measure: '亩', fullMarks: 15, method: { kind: 'completion', cap: 1.1 }, missing: 'carry', owner: 'nyncj' },
        model: { kind: 'ofTarget', worst: 0.55, best: 1.15 },
        unitTarget: [150, 700],
      },
      {
        def: { code: 'R03', name: '农村人居环境整治测评', fullMarks: 15, method: { kind: 'grade', points: { 优: 15, 良: 12, 中: 9, 差: 5 } }, owner: 'nyncj' },
        model: { kind: 'grade', labels: ['优', '良', '中', '差'] },
      },
      {
        def: { code: 'R04', name: '粮食生产任务完成率', measure: '%', fullMarks: 10, method: { kind: 'threshold', tiers: [{ bound: 100, points: 10 }, { bound: 95, points: 8 }, { bound: 90, points: 6 }, { bound: 80, points: 3 }] }, owner: 'tjj' },
        model: pct(82, 104),
      },
      {
        def: { code: 'R05', name: '农村居民人均可支配收入增速', measure: '%', fullMarks: 15, method: { kind: 'efficacy', base: 0.6 }, missing: 'carry', owner: 'tjj', range: { min: -100 } },
        model: pct(4.2, 9.5),
      },
      {
        def: { code: 'R06', name: '新增市级以上农业产业化龙头企业', measure: '家', fullMarks: 10, method: { kind: 'rank', step: 1.5, floor: 4 }, missing: 'exclude', owner: 'nyncj' },
        model: { kind: 'count', worst: 0, best: 5 },
      },
      {
        def: { code: 'R07', name: '违法占用耕地', measure: '宗', direction: 'lower', fullMarks: 15, method: { kind: 'deduct', step: 5 }, owner: 'zrzyj' },
        model: { kind: 'events', rate: 0.6 },
      },
    ],
  },
  {
    def: { id: 'project', name: '项目建设', weight: 1.2, bonusCap: 5, deductionCap: 10, light: { mode: 'progress', indicator: 'P03', red: 30, yellow: 10 } },
    indicators: [
      {
        def: { code: 'P01', name: '固定资产投资完成率', measure: '%', fullMarks: 20, method: { kind: 'completion', cap: 1.2 }, target: 100, missing: 'carry', owner: 'tjj' },
        model: pct(68, 126),
      },
      {
        def: { code: 'P02', name: '新开工项目数', measure: '个', fullMarks: 15, method: { kind: 'rank', tiers: [{ top: 1, points: 15 }, { top: 2, points: 13 }, { top: 4, points: 10 }, { top: 6, points: 7 }] }, owner: 'fgw' },
        model: { kind: 'count', worst: 0, best: 8 },
      },
      {
        def: { code: 'P03', name: '项目建设序时进度', measure: '%', fullMarks: 15, method: { kind: 'efficacy' }, missing: 'carry', owner: 'fgw' },
        model: { kind: 'progress', worst: 0.55, best: 1.15 },
      },
      {
        def: { code: 'P04', name: '招商引资到位资金', measure: '万元', fullMarks: 15, method: { kind: 'completion', cap: 1.2 }, owner: 'swj' },
        model: { kind: 'ofTarget', worst: 0.4, best: 1.3 },
        unitTarget: [800, 5000],
      },
      {
        def: { code: 'P05', name: '项目审批平均办理时长', measure: '个工作日', direction: 'lower', fullMarks: 10, method: { kind: 'threshold', tiers: [{ bound: 10, points: 10 }, { bound: 15, points: 8 }, { bound: 20, points: 6 }, { bound: 30, points: 3 }] }, missing: 'exclude', owner: 'xzspj' },
        model: pct(32, 8),
      },
      {
        def: { code: 'P06', name: '入库纳统项目数', measure: '个', fullMarks: 10, method: { kind: 'rank', step: 1, floor: 3 }, missing: 'exclude', owner: 'tjj' },
        model: { kind: 'count', worst: 0, best: 10 },
      },
      {
        def: { code: 'P07', name: '重点项目督查评价', fullMarks: 15, method: { kind: 'grade', points: { A: 15, B: 12, C: 8, D: 4 } }, owner: 'dcs' },
        model: { kind: 'grade', labels: ['A', 'B', 'C', 'D'] },
      },
    ],
  },
  {
    def: { id: 'enterprise', name: '为企服务', weight: 1, bonusCap: 5, deductionCap: 10 },
    indicators: [
      {
        def: { code: 'E01', name: '企业诉求办结率', measure: '%', fullMarks: 20, method: { kind: 'completion' }, target: 100, owner: 'rx12345' },
        model: pct(80, 100),
      },
      {
        def: { code: 'E02', name: '营商环境满意度', measure: '%', fullMarks: 20, method: { kind: 'efficacy', best: 100, worst: 60 }, missing: 'carry', owner: 'fgw' },
        model: pct(78, 98.5),
      },
      {
        def: { code: 'E03', name: '惠企政策兑现率', measure: '%', fullMarks: 15, method: { kind: 'threshold', tiers: [{ bound: 100, points: 15 }, { bound: 95, points: 12 }, { bound: 90, points: 9 }, { bound: 80, points: 5 }] }, owner: 'czj' },
        model: pct(80, 100),
      },
      {
        def: { code: 'E04', name: '企业诉求平均响应时长', measure: '小时', direction: 'lower', fullMarks: 15, method: { kind: 'efficacy' }, missing: 'exclude', owner: 'rx12345' },
        model: pct(48, 4),
      },
      {
        def: { code: 'E05', name: '新增规上工业企业', measure: '家', fullMarks: 10, method: { kind: 'rank', step: 2, floor: 2 }, owner: 'gxj' },
        model: { kind: 'count', worst: 0, best: 4 },
      },
      {
        def: { code: 'E06', name: '涉企投诉查实件数', measure: '件', direction: 'lower', fullMarks: 10, method: { kind: 'deduct', step: 2 }, owner: 'scjgj' },
        model: { kind: 'events', rate: 1.2 },
      },
      {
        def: { code: 'E07', name: '走访服务企业', measure: '家次', fullMarks: 10, method: { kind: 'completion' }, missing: 'carry', owner: 'gsl' },
        model: { kind: 'ofTarget', worst: 0.6, best: 1.1, decimals: 0 },
        unitTarget: [20, 60],
      },
    ],
  },
  {
    def: { id: 'governance', name: '基层治理', weight: 1, bonusCap: 5, deductionCap: 10, light: { mode: 'score', redBelow: 70, yellowBelow: 80 } },
    indicators: [
      {
        def: { code: 'G01', name: '12345热线按时办结率', measure: '%', fullMarks: 20, method: { kind: 'threshold', tiers: [{ bound: 99, points: 20 }, { bound: 97, points: 16 }, { bound: 95, points: 12 }, { bound: 90, points: 8 }] }, owner: 'rx12345' },
        model: pct(88, 100),
      },
      {
        def: { code: 'G02', name: '信访化解率', measure: '%', fullMarks: 15, method: { kind: 'efficacy', base: 0.6 }, missing: 'carry', owner: 'xfj' },
        model: pct(75, 100),
      },
      {
        def: { code: 'G03', name: '安全生产事故', measure: '起', direction: 'lower', fullMarks: 15, method: { kind: 'deduct', step: 7.5 }, owner: 'yjglj' },
        model: { kind: 'events', rate: 0.3 },
      },
      {
        def: { code: 'G04', name: '矛盾纠纷排查化解率', measure: '%', fullMarks: 10, method: { kind: 'rank', tiers: [{ top: 1, points: 10 }, { top: 3, points: 8 }, { top: 6, points: 6 }] }, owner: 'zfw' },
        model: pct(85, 100),
      },
      {
        def: { code: 'G05', name: '网格化事件办结率', measure: '%', fullMarks: 10, method: { kind: 'completion' }, target: 100, missing: 'carry', owner: 'zfw' },
        model: pct(85, 100),
      },
      {
        def: { code: 'G06', name: '基层党建述职评议', fullMarks: 15, method: { kind: 'grade', points: { 好: 15, 较好: 12, 一般: 8, 差: 4 } }, owner: 'zzb' },
        model: { kind: 'grade', labels: ['好', '较好', '一般', '差'] },
      },
      {
        def: { code: 'G07', name: '12345热线群众满意率', measure: '%', fullMarks: 15, method: { kind: 'efficacy', best: 100, worst: 80 }, missing: 'carry', owner: 'rx12345' },
        model: pct(84, 99.5),
      },
    ],
  },
];

/** Value model of every demo indicator by code. */
export const DEMO_MODELS: ReadonlyMap<string, DemoIndicator> = new Map(DEMO_TRACKS.flatMap((t) => t.indicators.map((i) => [i.def.code, i] as const)));
