/** Engine invariants (issue 2) as fast-check properties over random schemes and logs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventBody, LogEvent } from '../../shared/events.ts';
import type { Engine } from '../../shared/engine/index.ts';
import { createEngine, fx } from '../../shared/engine/index.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { eventsArb, schemeArb, toLog } from './arbitraries.ts';

const runs = (n: number) => ({ numRuns: Number(process.env.FC_RUNS ?? n) });

/** Applies the bodies the engine accepts; returns the engine and the accepted log. */
function build(scheme: Scheme, bodies: EventBody[]): { engine: Engine; log: LogEvent[] } {
  const engine = createEngine(scheme);
  const log: LogEvent[] = [];
  for (const b of toLog(bodies)) {
    if (engine.checkEvent(b)) continue;
    const e = { ...b, seq: log.length + 1 } as LogEvent;
    engine.apply(e);
    log.push(e);
  }
  return { engine, log };
}

const world = schemeArb.chain((scheme) => fc.record({ scheme: fc.constant(scheme), bodies: eventsArb(scheme) }));

describe('engine invariants', () => {
  it('ranks are a valid competition ranking and vetoed units never rank above non-vetoed ones', () => {
    fc.assert(
      fc.property(world, ({ scheme, bodies }) => {
        const st = build(scheme, bodies).engine.standings();
        for (const board of Object.values(st.boards)) {
          const rows = Object.values(board.rows);
          for (const r of rows) {
            const better = rows.filter((o) => (o.vetoed ? 1 : 0) < (r.vetoed ? 1 : 0) || (o.vetoed === r.vetoed && fx(o.score) > fx(r.score))).length;
            expect(r.rank).toBe(better + 1);
            if (r.vetoed) for (const o of rows) if (!o.vetoed) expect(r.rank).toBeGreaterThan(o.rank);
          }
        }
      }),
      runs(200),
    );
  });

  it('grades never exceed their quotas and vetoed units are never 优秀', () => {
    fc.assert(
      fc.property(world, ({ scheme, bodies }) => {
        const { engine } = build(scheme, bodies);
        const st = engine.standings();
        for (const board of Object.values(st.boards)) {
          const rows = Object.values(board.rows);
          for (const band of engine.scheme.grades) {
            const n = rows.filter((r) => r.grade === band.name).length;
            if (band.quota !== undefined) expect(n).toBeLessThanOrEqual(Math.max(1, Math.floor(band.quota * rows.length)));
            if (band.noVeto) expect(rows.some((r) => r.vetoed && r.grade === band.name)).toBe(false);
          }
        }
      }),
      runs(200),
    );
  });

  it('explanation parts add up exactly to the total (track, overall, season, cadre)', () => {
    fc.assert(
      fc.property(world, ({ scheme, bodies }) => {
        const { engine } = build(scheme, bodies);
        const st = engine.standings();
        const sum = (xs: number[]) => xs.reduce((s, x) => s + fx(x), 0);
        for (const board of Object.values(st.boards)) {
          const { kind, period, track } = board.ref;
          for (const [unit, row] of Object.entries(board.rows)) {
            const x =
              kind === 'track'
                ? engine.explainUnit(period!, track!, unit)
                : kind === 'season'
                  ? engine.explainSeason(track!, unit)
                  : engine.explainOverall(period, unit);
            expect(x).not.toBeNull();
            expect(fx(x!.total)).toBe(fx(row.score));
            const parts = 'rounding' in x! ? [...x.parts.map((p) => p.points), x.rounding] : x!.parts.map((p) => p.points);
            expect(sum(parts)).toBe(fx(row.score));
          }
        }
        for (const board of Object.values(st.cadres)) {
          for (const [cadre, row] of Object.entries(board.rows)) {
            const x = engine.explainCadre(board.period, cadre)!;
            expect(sum(x.parts.map((p) => p.points))).toBe(fx(row.score));
          }
        }
      }),
      runs(200),
    );
  });

  it('the result does not depend on the order of independent events (values of different cells)', () => {
    fc.assert(
      fc.property(
        world.chain((w) => fc.record({ w: fc.constant(w), seed: fc.integer() })),
        ({ w, seed }) => {
          const seen = new Set<string>();
          const values = w.bodies.filter((b) => {
            if (b.type !== 'value:recorded') return false;
            const k = `${b.data.period}|${b.data.unit}|${b.data.indicator}`;
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
          const shuffled = fc.sample(fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }), { numRuns: 1, seed })[0]!;
          const a = build(w.scheme, values).engine.standings();
          const b = build(w.scheme, shuffled).engine.standings();
          expect(b.boards).toEqual(a.boards);
          expect(b.cadres).toEqual(a.cadres);
        },
      ),
      runs(150),
    );
  });

  it('raising a higher-is-better value never lowers that unit’s points or track score', () => {
    fc.assert(
      fc.property(world.chain((w) => fc.record({ w: fc.constant(w), pick: fc.nat(), delta: fc.integer({ min: 1, max: 5 }) })), ({ w, pick, delta }) => {
        const { engine, log } = build(w.scheme, w.bodies);
        const st = engine.standings();
        const candidates = Object.values(st.boards).flatMap((b) =>
          b.ref.kind !== 'track'
            ? []
            : Object.keys(b.rows).flatMap((unit) =>
                engine.explainUnit(b.ref.period!, b.ref.track!, unit)!.parts.flatMap((p) => {
                  if (p.kind !== 'indicator' || p.status !== 'own' || typeof p.value !== 'number') return [];
                  const ind = w.scheme.tracks.flatMap((t) => t.indicators).find((i) => i.code === p.code)!;
                  return ind.direction === 'higher' && ind.method.kind !== 'deduct' ? [{ period: b.ref.period!, track: b.ref.track!, unit, code: p.code, value: p.value, points: p.points, score: b.rows[unit]!.score }] : [];
                }),
              ),
        );
        fc.pre(candidates.length > 0);
        const c = candidates[pick % candidates.length]!;
        engine.apply({ type: 'value:recorded', data: { period: c.period, unit: c.unit, indicator: c.code, value: c.value + delta }, seq: log.length + 1, at: 'x', actor: 't' });
        const after = engine.explainUnit(c.period, c.track, c.unit)!;
        const part = after.parts.find((p) => p.kind === 'indicator' && p.code === c.code)!;
        expect(part.points).toBeGreaterThanOrEqual(c.points);
        expect(after.total).toBeGreaterThanOrEqual(c.score);
      }),
      runs(200),
    );
  });

  it('an accepted waiver removes exactly its deduction', () => {
    fc.assert(
      fc.property(world.chain((w) => fc.record({ w: fc.constant(w), unit: fc.nat(), pts: fc.constantFrom(1, 2.5, 7) })), ({ w, unit, pts }) => {
        const base = build(w.scheme, w.bodies);
        const st = base.engine.standings();
        const boards = Object.values(st.boards).filter((b) => b.ref.kind === 'track');
        fc.pre(boards.length > 0);
        const b = boards[unit % boards.length]!;
        const u = Object.keys(b.rows)[unit % Object.keys(b.rows).length]!;
        const ded: EventBody = { type: 'adjustment:recorded', data: { id: 'WAIVE-ME', period: b.ref.period!, unit: u, track: b.ref.track!, kind: 'deduction', points: pts, reason: '扣分', evidence: [] } };
        const waive: EventBody = { type: 'waiver:decided', data: { target: 'WAIVE-ME', decision: 'accepted', reference: '容〔2026〕9号', reasoning: '三个区分开来' } };
        const withWaiver = build(w.scheme, [...w.bodies, ded, waive]).engine.standings();
        expect(withWaiver.boards).toEqual(st.boards);
        expect(withWaiver.cadres).toEqual(st.cadres);
      }),
      runs(150),
    );
  });
});
