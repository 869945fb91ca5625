/** fast-check generators for small random schemes and event logs (small value ranges, so ties are common). */
import fc from 'fast-check';
import type { EventBody, LogEvent } from '../../shared/events.ts';
import { createEngine } from '../../shared/engine/index.ts';
import type { Method, Scheme, SchemeInput } from '../../shared/scheme.ts';
import { SchemeSchema } from '../../shared/scheme.ts';

type MethodInput = SchemeInput['tracks'][number]['indicators'][number]['method'];
const methodArb = fc.oneof(
  fc.record({ kind: fc.constant('completion' as const), cap: fc.constantFrom(1, 1.2) }),
  fc.record({ kind: fc.constant('efficacy' as const), base: fc.constantFrom(0.6, 0.5) }),
  fc.record({ kind: fc.constant('rank' as const), step: fc.constantFrom(1, 2.5), floor: fc.constantFrom(0, 1) }),
  fc.constant({ kind: 'rank' as const, tiers: [{ top: 1, points: 10 }, { top: 3, points: 6 }], floor: 1 }),
  fc.constant({ kind: 'threshold' as const, tiers: [{ bound: 4, points: 10 }, { bound: 2, points: 5 }] }),
  fc.record({ kind: fc.constant('growth' as const), targetGrowth: fc.constantFrom(0, 50), step: fc.constantFrom(0.1, 0.3) }),
  fc.constant({ kind: 'grade' as const, points: { A: 10, B: 8, C: 5, D: 0 } }),
  fc.record({ kind: fc.constant('deduct' as const), step: fc.constantFrom(2, 3.5) }),
) as unknown as fc.Arbitrary<MethodInput>;

export interface World {
  scheme: Scheme;
  events: EventBody[];
}

/** A small scheme: 1–4 periods, 1–3 tracks of 1–4 indicators, 1–2 groups of 2–6 units, a few cadres. */
export const schemeArb: fc.Arbitrary<Scheme> = fc
  .record({
    periods: fc.integer({ min: 1, max: 4 }),
    periodWeights: fc.array(fc.constantFrom(1, 2, 0.5), { minLength: 4, maxLength: 4 }),
    tracks: fc.array(
      fc.record({
        weight: fc.constantFrom(1, 2, 0.5),
        bonusCap: fc.constantFrom(2, 5),
        deductionCap: fc.option(fc.constantFrom(3, 10), { nil: undefined }),
        light: fc.constantFrom<'rank' | 'score' | 'progress' | undefined>('rank', 'score', 'progress', undefined),
        inds: fc.array(
          fc.record({
            method: methodArb,
            direction: fc.constantFrom('higher' as const, 'lower' as const),
            missing: fc.constantFrom('zero' as const, 'exclude' as const, 'carry' as const),
            fullMarks: fc.constantFrom(10, 20, 15),
            perUnitTarget: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    groups: fc.array(fc.record({ size: fc.oneof(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 10, max: 25 })), skipTrack: fc.boolean(), override: fc.boolean() }), {
      minLength: 1,
      maxLength: 2,
    }),
    cadres: fc.integer({ min: 0, max: 6 }),
    quota: fc.constantFrom(0.2, 0.5),
    warningAfter: fc.constantFrom(1, 2),
  })
  .map((r) => {
    const units: SchemeInput['units'] = [];
    const groups: SchemeInput['groups'] = r.groups.map((g, gi) => {
      const ids = Array.from({ length: g.size }, (_, k) => `G${gi}U${k}`);
      ids.forEach((id) => units.push({ id, name: `单位${id}` }));
      const trackIds = r.tracks.map((_, ti) => `T${ti}`);
      const runs = g.skipTrack && trackIds.length > 1 ? trackIds.slice(1) : trackIds;
      const override = g.override && r.tracks[r.tracks.length - 1]!.inds.length > 1;
      const lastT = r.tracks.length - 1;
      return {
        id: `G${gi}`,
        name: `分组${gi}`,
        units: ids,
        tracks: runs,
        overrides: override && runs.includes(`T${lastT}`) ? { [`T${lastT}`]: { indicators: [`T${lastT}I0`], fullMarks: { [`T${lastT}I0`]: 30 } } } : undefined,
      };
    });
    const tracks: SchemeInput['tracks'] = r.tracks.map((t, ti) => ({
      id: `T${ti}`,
      name: `赛道${ti}`,
      weight: t.weight,
      bonusCap: t.bonusCap,
      deductionCap: t.deductionCap,
      light:
        t.light === 'rank'
          ? { mode: 'rank', redShare: 0.2, yellowShare: 0.3 }
          : t.light === 'score'
            ? { mode: 'score', redBelow: 10, yellowBelow: 20 }
            : t.light === 'progress'
              ? { mode: 'progress', indicator: `T${ti}I0`, red: 30, yellow: 10 }
              : undefined,
      indicators: t.inds.map((ind, ii) => ({
        code: `T${ti}I${ii}`,
        name: `指标${ti}-${ii}`,
        direction: ind.direction,
        fullMarks: ind.fullMarks,
        method: ind.method,
        missing: ind.missing,
        target: 3,
        targets: ind.perUnitTarget ? Object.fromEntries(units.map((u, k) => [u.id, 2 + (k % 3)])) : undefined,
        baseline: 2,
        baselines: ind.perUnitTarget ? Object.fromEntries(units.map((u, k) => [u.id, 1 + (k % 4)])) : undefined,
      })),
    }));
    const cadres: SchemeInput['cadres'] = Array.from({ length: r.cadres }, (_, k) => {
      const u = units[k % units.length]!;
      const g = groups.find((x) => x.units.includes(u.id))!;
      return {
        id: `C${k}`,
        name: `干部${k}`,
        unit: u.id,
        group: `CG${k % 2}`,
        responsibilities: k % 3 === 2 ? [] : g.tracks.slice(0, 1 + (k % 2)).map((t, j) => ({ track: t, unit: u.id, share: 1 + j })),
      };
    });
    return SchemeSchema.parse({
      name: '测试赛马',
      season: {
        id: 'S',
        name: '赛季',
        periods: Array.from({ length: r.periods }, (_, p) => ({
          id: `P${p + 1}`,
          name: `${p + 1}月`,
          kind: 'month',
          weight: r.periodWeights[p]!,
          expectedProgress: ((p + 1) * 100) / r.periods,
        })),
      },
      tracks,
      groups,
      units,
      cadreGroups: [
        { id: 'CG0', name: '正职' },
        { id: 'CG1', name: '副职' },
      ],
      cadres,
      grades: [
        { name: '优秀', min: 15, quota: r.quota, noVeto: true },
        { name: '良好', min: 8 },
        { name: '一般' },
      ],
      rules: { redList: 2, blackList: 2, warningAfter: r.warningAfter },
    });
  });

/** Random event bodies for a scheme (some invalid on purpose: the test keeps what checkEvent accepts). */
export function eventsArb(s: Scheme): fc.Arbitrary<EventBody[]> {
  const periods = s.season.periods.map((p) => p.id);
  const units = s.units.map((u) => u.id);
  const inds = s.tracks.flatMap((t) => t.indicators.map((i) => ({ code: i.code, method: i.method as Method })));
  const tracks = s.tracks.map((t) => t.id);
  const cadres = s.cadres.map((c) => c.id);
  const id = fc.integer({ min: 0, max: 7 }).map((k) => `A${k}`);
  const value: fc.Arbitrary<EventBody> = fc
    .record({ p: fc.constantFrom(...periods), u: fc.constantFrom(...units), i: fc.constantFrom(...inds), x: fc.integer({ min: 0, max: 6 }), clear: fc.integer({ min: 0, max: 12 }) })
    .map(({ p, u, i, x, clear }) => ({
      type: 'value:recorded' as const,
      data: { period: p, unit: u, indicator: i.code, value: clear === 0 ? null : i.method.kind === 'grade' ? 'ABCD'[x % 4]! : x },
    }));
  const adj: fc.Arbitrary<EventBody> = fc
    .record({ id, p: fc.constantFrom(...periods), u: fc.constantFrom(...units), t: fc.constantFrom(...tracks), bonus: fc.boolean(), pts: fc.constantFrom(1, 2.5, 4) })
    .map((r) => ({ type: 'adjustment:recorded' as const, data: { id: r.id, period: r.p, unit: r.u, track: r.t, kind: r.bonus ? ('bonus' as const) : ('deduction' as const), points: r.pts, reason: '理由', evidence: [] } }));
  const veto: fc.Arbitrary<EventBody> = fc
    .record({ id: id.map((x) => `V${x}`), p: fc.constantFrom(...periods), u: fc.constantFrom(...units), t: fc.option(fc.constantFrom(...tracks), { nil: undefined }) })
    .map((r) => ({ type: 'veto:recorded' as const, data: { id: r.id, period: r.p, unit: r.u, track: r.t, reason: '安全生产事故', evidence: [] } }));
  const waiver: fc.Arbitrary<EventBody> = fc
    .record({ target: fc.oneof(id, id.map((x) => `V${x}`)), decision: fc.constantFrom('accepted' as const, 'partial' as const, 'rejected' as const, 'clarified' as const), pts: fc.constantFrom(0.5, 1) })
    .map((r) => ({ type: 'waiver:decided' as const, data: { target: r.target, decision: r.decision, points: r.decision === 'partial' ? r.pts : undefined, reference: '容〔2026〕1号', reasoning: '三个区分开来' } }));
  const revoke: fc.Arbitrary<EventBody> = fc.oneof(
    id.map((x) => ({ type: 'adjustment:revoked' as const, data: { id: x, reason: '录入错误' } })),
    id.map((x) => ({ type: 'veto:revoked' as const, data: { id: `V${x}`, reason: '录入错误' } })),
  );
  const cadreEvents: Array<fc.Arbitrary<EventBody>> = cadres.length
    ? [
        fc
          .record({ p: fc.constantFrom(...periods), c: fc.constantFrom(...cadres), g: fc.constantFrom(...s.raterGroups.map((r) => r.id)), r: fc.constantFrom('r1', 'r2'), score: fc.integer({ min: 60, max: 100 }) })
          .map((r) => ({ type: 'rating:recorded' as const, data: { period: r.p, cadre: r.c, raterGroup: r.g, rater: r.r, score: r.score } })),
        fc
          .record({ id: id.map((x) => `C${x}`), p: fc.constantFrom(...periods), c: fc.constantFrom(...cadres), bonus: fc.boolean() })
          .map((r) => ({ type: 'cadre:adjusted' as const, data: { id: r.id, period: r.p, cadre: r.c, kind: r.bonus ? ('bonus' as const) : ('deduction' as const), points: 1.5, reason: '表彰' } })),
      ]
    : [];
  const variants = schemeVariants(s);
  // taking effect from every period (as logs before the option), or from a chosen one
  const schemeChange: fc.Arbitrary<EventBody> = fc
    .record({ scheme: fc.constantFrom(...variants), from: fc.option(fc.constantFrom(...periods), { nil: undefined }) })
    .map(({ scheme, from }) => ({ type: 'scheme:changed' as const, data: from === undefined ? { scheme } : { scheme, effectiveFrom: from } }));
  const publish: fc.Arbitrary<EventBody> = fc.constantFrom(...periods).map((period) => ({ type: 'period:published' as const, data: { period, note: '' } }));
  return fc.array(
    fc.oneof(
      { arbitrary: value, weight: 12 },
      { arbitrary: schemeChange, weight: 1 },
      { arbitrary: publish, weight: 1 },
      { arbitrary: adj, weight: 2 },
      { arbitrary: veto, weight: 1 },
      { arbitrary: waiver, weight: 1 },
      { arbitrary: revoke, weight: 1 },
      ...cadreEvents.map((a) => ({ arbitrary: a, weight: 2 })),
    ),
    { minLength: 1, maxLength: 90 },
  );
}

/** Scheme edits mid-season: other weights, caps, quotas and rules, a track's first indicator or the last period dropped. */
export function schemeVariants(s: Scheme): Scheme[] {
  return [
    { ...s, tracks: s.tracks.map((t, k) => ({ ...t, weight: t.weight + k + 1, bonusCap: t.bonusCap + 1 })) },
    { ...s, rules: { ...s.rules, redList: 1, blackList: 1, warningAfter: 1 }, grades: s.grades.map((g) => ({ ...g, quota: g.quota === undefined ? undefined : 0.5 })) },
    {
      ...s,
      tracks: s.tracks.map((t) => (t.indicators.length > 1 && !(t.light?.mode === 'progress') ? { ...t, indicators: t.indicators.slice(1) } : t)),
      groups: s.groups.map((g) => ({ ...g, overrides: undefined })),
    },
    // the last period dropped (its boards go with it)
    { ...s, tracks: s.tracks.map((t) => ({ ...t, weight: t.weight + 1 })), season: { ...s.season, periods: s.season.periods.length > 1 ? s.season.periods.slice(0, -1) : s.season.periods } },
  ];
}

/** Gives bodies a place in a log. */
export function toLog(bodies: EventBody[], from = 1): LogEvent[] {
  return bodies.map((b, k) => ({ ...b, seq: from + k, at: '2026-03-01T00:00:00.000Z', actor: 'test' }) as LogEvent);
}

/**
 * Keeps the events the engine accepts, in order, numbered as a log. Scheme changes are kept
 * whatever validateScheme says of the random schemes: the engine scores any well-formed scheme,
 * and so logs hold scheme changes from random periods.
 */
export function acceptedLog(scheme: Scheme, bodies: LogEvent[]): LogEvent[] {
  const e = createEngine(scheme);
  const out: LogEvent[] = [];
  for (const b of bodies) {
    if (b.type !== 'scheme:changed' && e.checkEvent(b)) continue;
    const ev = { ...b, seq: out.length + 1 } as LogEvent;
    e.apply(ev);
    out.push(ev);
  }
  return out;
}

/** A scheme, events before and after a change, the variant changed to and the period it takes effect from. */
export const effectiveChangeArb = schemeArb.chain((scheme) =>
  fc.record({
    scheme: fc.constant(scheme),
    bodies: eventsArb(scheme),
    later: eventsArb(scheme),
    variant: fc.integer({ min: 0, max: schemeVariants(scheme).length - 1 }),
    from: fc.integer({ min: 0, max: scheme.season.periods.length - 1 }),
  }),
);
