/**
 * The demo county (SPEC §9): 12 towns in two groups, 20 departments, four tracks with real-world
 * indicators, ~200 cadres, and a season of monthly history. Pure and deterministic: the same
 * options always give the same scheme and events (seeded PRNG, no clock).
 */
import type { EventBody } from '../../shared/events.ts';
import { SchemeSchema } from '../../shared/scheme.ts';
import type { Scheme, SchemeInput } from '../../shared/scheme.ts';
import { DEMO_TRACKS } from './catalog.ts';
import { buildCadres } from './cadres.ts';
import { buildHistory, monthPeriod } from './history.ts';
import { DEPARTMENTS, ECO_TOWNS, STRONG_TOWNS } from './names.ts';
import { derive, intBetween } from './random.ts';

export interface DemoOptions {
  seed: number;
  year: number;
  /** History covers months 1..throughMonth (1–12); the current period is that month. */
  throughMonth: number;
  /**
   * Optional "now" (ms since epoch, passed in — the demo never reads the clock). When given, the
   * entries of the current month that would lie after it are moved, in order, between the start
   * of the month and now, so that no event is dated in the future.
   */
  now?: number;
}

export interface DemoEntry {
  /** ISO 8601 UTC; strictly increasing through the history. */
  at: string;
  actor: string;
  body: EventBody;
}

export interface DemoCounty {
  scheme: Scheme;
  history: DemoEntry[];
}

export const DEMO_COUNTY_NAME = '云岭县';

export { monthPeriod };
/** Period id of the year-end review (年终). */
export const YEAR_END = 'ye';

/** Builds the demo county. */
export function makeDemoCounty(opts: DemoOptions): DemoCounty {
  const { seed, year } = opts;
  if (!Number.isInteger(opts.throughMonth) || opts.throughMonth < 1 || opts.throughMonth > 12) throw new RangeError('throughMonth must be 1–12');
  const scheme = SchemeSchema.parse(demoSchemeInput(seed, year, opts.throughMonth));
  const history = buildHistory(scheme, opts);
  return { scheme, history: opts.now === undefined ? history : notAfter(history, Date.UTC(year, opts.throughMonth - 1, 1), opts.now) };
}

/** Squeezes the entries from `from` on into [from, now), keeping their order; earlier ones stay. */
function notAfter(history: DemoEntry[], from: number, now: number): DemoEntry[] {
  const times = history.map((e) => Date.parse(e.at));
  if (!times.length || times.at(-1)! < now) return history;
  const first = times.findIndex((t) => t >= from);
  if (first < 0) return history;
  const start = Math.max(from, first > 0 ? times[first - 1]! + 1 : from);
  const t0 = times[first]!;
  const span = Math.max(1, times.at(-1)! - t0);
  const room = Math.max(0, now - 1000 - start);
  let prev = first > 0 ? times[first - 1]! : -Infinity;
  return history.map((e, i) => {
    if (i < first) return e;
    const t = Math.max(prev + 1, start + Math.floor(((times[i]! - t0) / span) * room));
    prev = t;
    return { ...e, at: new Date(t).toISOString() };
  });
}

/** The demo scheme as written (defaults omitted), before parsing. */
export function demoSchemeInput(seed: number, year: number, throughMonth: number): SchemeInput {
  const rng = derive(seed, 'scheme');
  const towns = [...STRONG_TOWNS, ...ECO_TOWNS];
  const perUnit = (range: [number, number] | undefined, ids: string[], step: number) =>
    range ? Object.fromEntries(ids.map((id) => [id, Math.round(intBetween(rng, range[0], range[1]) / step) * step])) : undefined;
  const townIds = towns.map(([id]) => id);

  const tracks: SchemeInput['tracks'] = DEMO_TRACKS.map((t) => ({
    ...t.def,
    indicators: t.indicators.map((i) => {
      const step = (i.unitTarget?.[1] ?? i.unitBaseline?.[1] ?? 0) >= 500 ? 10 : 1;
      const targets = perUnit(i.unitTarget, townIds, step);
      const baselines = perUnit(i.unitBaseline, townIds, step);
      return { ...i.def, ...(targets && { targets }), ...(baselines && { baselines }) };
    }),
  }));

  const periods: SchemeInput['season']['periods'] = Array.from({ length: 12 }, (_, k) => ({
    id: monthPeriod(k + 1),
    name: `${k + 1}月`,
    kind: 'month' as const,
    weight: 1,
    expectedProgress: Math.round(((k + 1) / 12) * 1000) / 10,
  }));
  // 年终: 5% of the season total (12 months × 1 = 95%).
  periods.push({ id: YEAR_END, name: '年终综合考核', kind: 'year-end', weight: 0.6316, expectedProgress: 100 });

  return {
    schemaVersion: 1,
    name: `${year}年度一线赛马`,
    season: { id: `s${year}`, name: `${DEMO_COUNTY_NAME}${year}年度一线赛马`, periods, currentPeriod: monthPeriod(throughMonth) },
    tracks,
    groups: [
      { id: 'strong', name: '经济强镇组', units: STRONG_TOWNS.map(([id]) => id), tracks: ['rural', 'project', 'enterprise', 'governance'] },
      {
        id: 'eco',
        name: '生态镇组',
        units: ECO_TOWNS.map(([id]) => id),
        tracks: ['rural', 'project', 'enterprise', 'governance'],
        // 差异化考核: ecological towns weigh living environment more and income growth less.
        overrides: {
          rural: {
            fullMarks: { R03: 20, R05: 10 },
            methods: { R03: { kind: 'grade', points: { 优: 20, 良: 16, 中: 12, 差: 6 } } },
          },
        },
      },
      {
        id: 'dept',
        name: '县直部门组',
        units: DEPARTMENTS.map(([id]) => id),
        tracks: ['enterprise', 'governance'],
        overrides: {
          enterprise: {
            indicators: ['E01', 'E02', 'E03', 'E04', 'E06'],
            fullMarks: { E01: 25, E02: 25, E03: 15, E04: 20, E06: 15 },
            // Departments serve enterprises directly: a stricter 不允许值 for satisfaction.
            methods: { E02: { kind: 'efficacy', best: 100, worst: 70, base: 0.6 } },
          },
          governance: {
            indicators: ['G01', 'G02', 'G03', 'G06', 'G07'],
            fullMarks: { G01: 20, G02: 25, G03: 20, G06: 15, G07: 20 },
          },
        },
      },
    ],
    units: [
      ...towns.map(([id, name]) => ({ id, name, kind: 'town' as const })),
      ...DEPARTMENTS.map(([id, name]) => ({ id, name, kind: 'department' as const })),
    ],
    cadreGroups: [
      { id: 'town-secretary', name: '乡镇党委书记' },
      { id: 'town-head', name: '乡镇长' },
      { id: 'dept-head', name: '部门正职' },
      { id: 'deputy', name: '副职' },
    ],
    cadres: buildCadres(derive(seed, 'cadres')),
    raterGroups: [
      { id: 'self', name: '自评', weight: 0.1 },
      { id: 'superior', name: '上级', weight: 0.4 },
      { id: 'peer', name: '同级', weight: 0.2 },
      { id: 'subordinate', name: '下级', weight: 0.2 },
      { id: 'client', name: '服务对象', weight: 0.1 },
    ],
    grades: [
      { name: '优秀', min: 90, quota: 0.2, noVeto: true },
      { name: '良好', min: 80 },
      { name: '一般', min: 60 },
      { name: '较差' },
    ],
    rules: { redList: 3, blackList: 3, warningAfter: 2, light: { mode: 'rank', redShare: 0.1, yellowShare: 0.2 } },
  };
}
