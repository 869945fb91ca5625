/** Deterministic benchmark schemes and logs: `county` and `province` (issue 2). */
import type { LogEvent } from '../../shared/events.ts';
import type { Method, Scheme, SchemeInput } from '../../shared/scheme.ts';
import { SchemeSchema } from '../../shared/scheme.ts';
import { mulberry32 as rng } from '../../server/demo/random.ts';

export type BenchSize = 'county' | 'province';

export interface BenchSpec {
  units: number;
  groups: number;
  tracks: number;
  indicators: number;
  cadres: number;
  /** Months that already have data. */
  months: number;
}

export const SPECS: Record<BenchSize, BenchSpec> = {
  county: { units: 32, groups: 2, tracks: 4, indicators: 8, cadres: 200, months: 6 },
  province: { units: 5000, groups: 10, tracks: 4, indicators: 20, cadres: 100_000, months: 3 },
};

const METHODS: Array<{ m: Method; missing: 'zero' | 'exclude' | 'carry' }> = [
  { m: { kind: 'completion', cap: 1.2 }, missing: 'zero' },
  { m: { kind: 'completion', cap: 1 }, missing: 'carry' },
  { m: { kind: 'threshold', tiers: [{ bound: 110, points: 5 }, { bound: 90, points: 3 }] }, missing: 'zero' },
  { m: { kind: 'growth', targetGrowth: 8, par: 0.8, step: 0.1, cap: 1 }, missing: 'exclude' },
  { m: { kind: 'completion', cap: 1 }, missing: 'zero' },
  { m: { kind: 'grade', points: { 优: 5, 良: 4, 中: 3, 差: 1 } }, missing: 'zero' },
  { m: { kind: 'deduct', step: 1 }, missing: 'zero' },
  { m: { kind: 'efficacy', base: 0.6 }, missing: 'zero' },
  { m: { kind: 'completion', cap: 1 }, missing: 'exclude' },
  { m: { kind: 'rank', step: 0.01, floor: 1 }, missing: 'zero' },
];

export function makeBenchScheme(size: BenchSize): Scheme {
  const s = SPECS[size];
  const periods = Array.from({ length: 12 }, (_, k) => ({ id: `M${k + 1}`, name: `${k + 1}月`, kind: 'month' as const, weight: 1, expectedProgress: ((k + 1) * 100) / 12 }));
  const units = Array.from({ length: s.units }, (_, k) => ({ id: `U${String(k).padStart(5, '0')}`, name: `单位${k}` }));
  const per = Math.ceil(s.units / s.groups);
  const tracks: SchemeInput['tracks'] = Array.from({ length: s.tracks }, (_, t) => ({
    id: `T${t}`,
    name: `赛道${t}`,
    weight: 1 + (t % 2),
    bonusCap: 5,
    indicators: Array.from({ length: s.indicators }, (_, i) => {
      const x = METHODS[i % METHODS.length]!;
      return { code: `T${t}I${i}`, name: `指标${t}-${i}`, fullMarks: 100 / s.indicators, method: x.m, missing: x.missing, target: 100, baseline: 100 };
    }),
  }));
  const cadreGroups = ['SEC', 'MAYOR', 'DEP', 'STAFF'].map((id) => ({ id, name: id }));
  const cadresPerUnit = Math.max(1, Math.round(s.cadres / s.units));
  const cadres: SchemeInput['cadres'] = [];
  for (let k = 0; k < s.cadres; k++) {
    const u = units[Math.floor(k / cadresPerUnit) % units.length]!;
    const role = k % cadresPerUnit;
    cadres.push({
      id: `C${k}`,
      name: `干部${k}`,
      unit: u.id,
      group: cadreGroups[Math.min(role, 3)]!.id,
      responsibilities: role < 2 ? tracks.map((t) => ({ track: t.id, unit: u.id, share: 1 })) : [{ track: `T${role % s.tracks}`, unit: u.id, share: 1 }],
    });
  }
  return SchemeSchema.parse({
    name: `${size} bench`,
    season: { id: 'S2026', name: '2026', periods },
    tracks,
    groups: Array.from({ length: s.groups }, (_, g) => ({ id: `G${g}`, name: `分组${g}`, units: units.slice(g * per, (g + 1) * per).map((u) => u.id), tracks: tracks.map((t) => t.id) })),
    units,
    cadreGroups,
    cadres,
  });
}

/** A plausible value for indicator i (numbers around 100, grades, small counts). */
export function valueFor(scheme: Scheme, code: string, r: () => number): number | string {
  const ind = scheme.tracks.flatMap((t) => t.indicators).find((i) => i.code === code)!;
  if (ind.method.kind === 'grade') return ['优', '良', '中', '差'][Math.floor(r() * 4)]!;
  if (ind.method.kind === 'deduct') return r() < 0.9 ? 0 : 1 + Math.floor(r() * 3);
  return Math.round((60 + r() * 60) * 100) / 100;
}

/** The history: every cell of the first `months` months, then some ratings. */
export function makeBenchLog(scheme: Scheme, months: number, seed = 1): LogEvent[] {
  const r = rng(seed);
  const log: LogEvent[] = [];
  const at = '2026-03-31T00:00:00.000Z';
  for (let p = 0; p < months; p++) {
    const period = scheme.season.periods[p]!.id;
    for (const u of scheme.units)
      for (const t of scheme.tracks)
        for (const i of t.indicators) log.push({ type: 'value:recorded', data: { period, unit: u.id, indicator: i.code, value: valueFor(scheme, i.code, r) }, seq: log.length + 1, at, actor: 'bench' });
    for (let k = 0; k < scheme.cadres.length; k += 10) {
      log.push({ type: 'rating:recorded', data: { period, cadre: scheme.cadres[k]!.id, raterGroup: 'superior', rater: 'r1', score: 70 + Math.floor(r() * 30) }, seq: log.length + 1, at, actor: 'bench' });
    }
  }
  return log;
}

/** Random single-value updates in the latest month with data. */
export function makeUpdates(scheme: Scheme, month: number, count: number, firstSeq: number, seed = 2): LogEvent[] {
  const r = rng(seed);
  const inds = scheme.tracks.flatMap((t) => t.indicators);
  const period = scheme.season.periods[month - 1]!.id;
  return Array.from({ length: count }, (_, k) => {
    const u = scheme.units[Math.floor(r() * scheme.units.length)]!;
    const i = inds[Math.floor(r() * inds.length)]!;
    return { type: 'value:recorded', data: { period, unit: u.id, indicator: i.code, value: valueFor(scheme, i.code, r) }, seq: firstSeq + k, at: '2026-03-31T01:00:00.000Z', actor: 'bench' } as LogEvent;
  });
}
