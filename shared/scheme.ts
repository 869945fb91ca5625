/**
 * The race scheme (赛马方案): the JSON document the organization department imports, edits and
 * exports. The zod schemas here are the single source of truth: TypeScript types, runtime
 * validation and the published JSON Schema (`shared/scheme.schema.json`) all come from them.
 */
import { z } from 'zod';
import { ReportSettingsSchema } from './scheme-report.ts';

/** Identifiers are codes people type into spreadsheets: letters, digits, `_ . -`. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  // Ids key plain objects everywhere (boards, diffs): the names of Object.prototype's own slots are refused.
  .regex(/^(?!(?:__proto__|constructor|prototype)$)[A-Za-z0-9_.-]+$/, '编码只能包含字母、数字和 _ . -,且不能是 __proto__、constructor、prototype')
  .describe('Code: letters, digits, _ . - (not __proto__, constructor or prototype)');
const Name = z.string().trim().min(1).max(200);
const Finite = z.number().finite();
const NonNeg = Finite.min(0);
const Pos = Finite.gt(0);

export const PeriodSchema = z.object({
  id: Id,
  name: Name,
  kind: z.enum(['month', 'quarter', 'half', 'year-end']),
  /** Weight of this period in the season total. */
  weight: Pos.default(1),
  /** 序时进度: the share of the annual target (0–100) that should be done by this period. */
  expectedProgress: Finite.min(0).max(100).optional(),
});

export const SeasonSchema = z.object({
  id: Id,
  name: Name,
  periods: z.array(PeriodSchema).min(1).max(60),
  currentPeriod: Id.optional(),
});

/** Threshold tier: the first tier whose bound the value reaches (≥ for higher-better, ≤ for lower-better). */
export const BoundTierSchema = z.object({ bound: Finite, points: NonNeg });
/** Rank tier: units ranked within the top `top` get `points`. */
export const TopTierSchema = z.object({ top: z.number().int().min(1), points: NonNeg });

export const MethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completion'), cap: Pos.default(1) }),
  z.object({
    kind: z.literal('efficacy'),
    base: Finite.min(0).max(1).default(0.6),
    /** Fixed 满意值; default: the best value in the group. */
    best: Finite.optional(),
    /** Fixed 不允许值; default: the worst value in the group. */
    worst: Finite.optional(),
  }),
  z.object({
    kind: z.literal('rank'),
    step: NonNeg.optional(),
    floor: NonNeg.default(0),
    tiers: z.array(TopTierSchema).min(1).optional(),
  }),
  z.object({ kind: z.literal('threshold'), tiers: z.array(BoundTierSchema).min(1) }),
  z.object({
    kind: z.literal('growth'),
    /** Target growth in percentage points. */
    targetGrowth: Finite,
    par: Finite.min(0).max(1).default(0.8),
    /** Points per percentage point above or below the target growth. */
    step: NonNeg,
    cap: Pos.default(1),
  }),
  z.object({
    kind: z.literal('grade'),
    /** Grade label → points, e.g. { "优": 10, "良": 8 }. */
    points: z.record(z.string().min(1).max(20), NonNeg),
  }),
  z.object({ kind: z.literal('deduct'), step: Pos }),
]);

/**
 * 取值范围: which values an indicator accepts. Each field left out takes the default for the
 * indicator's measure unit (shared/value-range.ts); `null` removes a default bound.
 */
export const ValueRangeSchema = z.object({
  /** Lowest accepted value; null: no lower bound. */
  min: Finite.nullable().optional(),
  /** Highest accepted value; null: no upper bound. */
  max: Finite.nullable().optional(),
  /** Only whole numbers (counts). */
  integer: z.boolean().optional(),
  /** Grade indicators: only these labels of the points table may be recorded. */
  grades: z.array(z.string().min(1).max(20)).min(1).optional(),
});

export const IndicatorSchema = z.object({
  code: Id,
  name: Name,
  /** Measure unit shown next to values: %, 万元, 件 … */
  measure: z.string().max(20).default(''),
  direction: z.enum(['higher', 'lower']).default('higher'),
  fullMarks: Pos,
  method: MethodSchema,
  missing: z.enum(['zero', 'exclude', 'carry']).default('zero'),
  /** Data-owner department (报送单位) allowed to submit this indicator. */
  owner: z.string().max(64).optional(),
  target: Finite.optional(),
  targets: z.record(Id, Finite).optional(),
  baseline: Finite.optional(),
  baselines: z.record(Id, Finite).optional(),
  /** Accepted values; *default* by measure unit (% ≥ 0, counts whole numbers ≥ 0). */
  range: ValueRangeSchema.optional(),
});

export const LightRuleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('rank'), redShare: Finite.min(0).max(1).default(0.1), yellowShare: Finite.min(0).max(1).default(0.2) }),
  z.object({ mode: z.literal('score'), redBelow: Finite, yellowBelow: Finite }),
  z.object({ mode: z.literal('progress'), indicator: Id, red: Pos.default(30), yellow: Pos.default(10) }),
]);

export const TrackSchema = z.object({
  id: Id,
  name: Name,
  /** Weight in the overall (综合) score. */
  weight: Pos.default(1),
  /** The sum of full marks every group's indicators must reach. */
  totalMarks: Pos.default(100),
  bonusCap: NonNeg.default(5),
  deductionCap: NonNeg.optional(),
  /** Cadre scores: weight of the unit part against the multi-rater evaluation. */
  alpha: Finite.min(0).max(1).default(0.7),
  light: LightRuleSchema.optional(),
  indicators: z.array(IndicatorSchema).min(1).max(200),
});

/** 差异化考核: a group may use a subset of a track's indicators, other full marks or methods. */
export const OverrideSchema = z.object({
  indicators: z.array(Id).min(1).optional(),
  fullMarks: z.record(Id, Pos).optional(),
  methods: z.record(Id, MethodSchema).optional(),
});

export const GroupSchema = z.object({
  id: Id,
  name: Name,
  units: z.array(Id).max(100_000),
  tracks: z.array(Id).min(1),
  overrides: z.record(Id, OverrideSchema).optional(),
});

export const UnitSchema = z.object({
  id: Id,
  name: Name,
  kind: z.enum(['town', 'department', 'enterprise', 'other']).default('town'),
});

export const ResponsibilitySchema = z.object({ track: Id, unit: Id, share: Pos.default(1) });

export const CadreSchema = z.object({
  id: Id,
  name: Name,
  unit: Id,
  group: Id,
  title: z.string().max(100).optional(),
  responsibilities: z.array(ResponsibilitySchema).max(50).default([]),
});

export const GradeBandSchema = z.object({
  name: z.string().trim().min(1).max(20),
  /** Lowest score of the band; omit for the last band. */
  min: Finite.optional(),
  /** At most this share of the group (rounded down, at least 1). */
  quota: Finite.gt(0).max(1).optional(),
  /** A vetoed unit cannot get this band (优秀). */
  noVeto: z.boolean().default(false),
});

export const RulesSchema = z.object({
  redList: z.number().int().min(0).default(3),
  blackList: z.number().int().min(0).default(3),
  /** 约谈 when last this many periods in a row. */
  warningAfter: z.number().int().min(1).default(2),
  light: LightRuleSchema.default({ mode: 'rank', redShare: 0.1, yellowShare: 0.2 }),
});

export const DEFAULT_GRADES = [
  { name: '优秀', min: 90, quota: 0.2, noVeto: true },
  { name: '良好', min: 80, noVeto: false },
  { name: '一般', min: 60, noVeto: false },
  { name: '较差', noVeto: false },
];

export const SchemeSchema = z.object({
  schemaVersion: z.literal(1).default(1),
  name: Name,
  season: SeasonSchema,
  tracks: z.array(TrackSchema).min(1).max(50),
  groups: z.array(GroupSchema).min(1).max(1000),
  units: z.array(UnitSchema).min(1).max(100_000),
  cadreGroups: z.array(z.object({ id: Id, name: Name })).default([]),
  cadres: z.array(CadreSchema).max(1_000_000).default([]),
  raterGroups: z
    .array(z.object({ id: Id, name: Name, weight: Pos }))
    .default([
      { id: 'self', name: '自评', weight: 0.1 },
      { id: 'superior', name: '上级', weight: 0.4 },
      { id: 'peer', name: '同级', weight: 0.2 },
      { id: 'subordinate', name: '下级', weight: 0.2 },
      { id: 'client', name: '服务对象', weight: 0.1 },
    ]),
  grades: z.array(GradeBandSchema).min(1).default(DEFAULT_GRADES),
  rules: RulesSchema.default({ redList: 3, blackList: 3, warningAfter: 2, light: { mode: 'rank', redShare: 0.1, yellowShare: 0.2 } }),
  report: ReportSettingsSchema.optional(),
});

export type Period = z.infer<typeof PeriodSchema>;
export type Season = z.infer<typeof SeasonSchema>;
export type Method = z.infer<typeof MethodSchema>;
export type MethodKind = Method['kind'];
export type ValueRange = z.infer<typeof ValueRangeSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type LightRule = z.infer<typeof LightRuleSchema>;
export type Track = z.infer<typeof TrackSchema>;
export type GroupOverride = z.infer<typeof OverrideSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Cadre = z.infer<typeof CadreSchema>;
export type GradeBand = z.infer<typeof GradeBandSchema>;
export type Rules = z.infer<typeof RulesSchema>;
/** A parsed scheme: defaults filled in. */
export type Scheme = z.infer<typeof SchemeSchema>;
/** A scheme as written in JSON: defaults may be omitted. */
export type SchemeInput = z.input<typeof SchemeSchema>;
