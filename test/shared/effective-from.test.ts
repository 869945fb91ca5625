import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/events.ts';
import { computeStandings, createEngine, IncrementalEngine } from '../../shared/engine/index.ts';
import { applyDiff, parseBoardKey, type Standings } from '../../shared/standings.ts';
import { acceptedLog, effectiveChangeArb, schemeVariants, toLog } from './arbitraries.ts';

/** The period and cadre boards of `periods`. */
function boardsOf(s: Standings, periods: Set<string>) {
  const pick = <T>(m: Record<string, T>, period: (k: string) => string | null) => Object.fromEntries(Object.entries(m).filter(([k]) => periods.has(period(k) ?? '')));
  return { boards: pick(s.boards, (k) => parseBoardKey(k)!.period), cadres: pick(s.cadres, (k) => k.split('|')[1]!) };
}

/** The boards with cadre rows' rank change (prevRank, change) left out. */
function withoutCadreChange(b: ReturnType<typeof boardsOf>) {
  const cadres = Object.fromEntries(
    Object.entries(b.cadres).map(([k, board]) => [k, { ...board, rows: Object.fromEntries(Object.entries(board.rows).map(([id, { prevRank: _p, change: _c, ...row }]) => [id, row])) }]),
  );
  return { ...b, cadres };
}

describe('a scheme change taking effect from a period', () => {
  it('leaves every board of the earlier periods as it was, and scores the later ones as the new scheme alone would (both engines, diffs included)', () => {
    let kept = 0;
    // cases where re-scoring everything would have changed an earlier period
    let differs = 0;
    fc.assert(
      fc.property(effectiveChangeArb, ({ scheme, bodies, later, variant, from }) => {
        const log = acceptedLog(scheme, toLog(bodies));
        const next = schemeVariants(scheme)[variant]!;
        const engine = createEngine(scheme, log);
        const f = next.season.periods[Math.min(from, next.season.periods.length - 1)]!.id;
        const change = { type: 'scheme:changed', data: { scheme: next, effectiveFrom: f }, seq: log.length + 1, at: '2026-03-02T00:00:00.000Z', actor: 'admin' } as LogEvent;
        const before = engine.standings();
        const mirror = structuredClone(before);
        applyDiff(mirror, engine.apply(change));
        const after = engine.standings();
        expect(mirror).toEqual(after);
        expect(computeStandings(scheme, [...log, change])).toEqual(after);

        const ids = next.season.periods.map((p) => p.id);
        const earlier = new Set(ids.slice(0, ids.indexOf(f)));
        const fromOn = new Set(ids.slice(ids.indexOf(f)));
        expect(boardsOf(after, earlier)).toEqual(boardsOf(before, earlier));
        if (Object.keys(boardsOf(before, earlier).boards).length) kept++;
        // from f on: what the new scheme scores for every period
        const everywhere = { ...change, data: { scheme: next } } as LogEvent;
        const rescored = computeStandings(scheme, [...log, everywhere]);
        // A cadre's rank change compares with the previous period as shown, which may be an earlier
        // period kept on the old scheme; the reference engine and the diff mirror (checked above)
        // hold that. Everything else from f on is what the new scheme alone scores.
        expect(withoutCadreChange(boardsOf(after, fromOn))).toEqual(withoutCadreChange(boardsOf(rescored, fromOn)));
        if (JSON.stringify(boardsOf(rescored, earlier)) !== JSON.stringify(boardsOf(before, earlier))) differs++;

        // later events keep both engines equal (and the engine replayed from the log too)
        const rest = acceptedLog(scheme, [...log, change, ...toLog(later, log.length + 2)]).slice(log.length + 1);
        for (const e of rest.map((e, k) => ({ ...e, seq: log.length + 2 + k }) as LogEvent)) {
          applyDiff(mirror, engine.apply(e));
        }
        const full = [...log, change, ...rest.map((e, k) => ({ ...e, seq: log.length + 2 + k }) as LogEvent)];
        expect(engine.standings()).toEqual(computeStandings(scheme, full));
        expect(mirror).toEqual(engine.standings());
        expect(createEngine(scheme, full).standings()).toEqual(engine.standings());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
    expect(kept).toBeGreaterThan(0);
    expect(differs).toBeGreaterThan(0);
  });

  it('a log without effectiveFrom replays to the standings a single-scheme engine gives (logs written before the option)', () => {
    fc.assert(
      fc.property(effectiveChangeArb, ({ scheme, bodies }) => {
        const plain = toLog(bodies).map((e) => (e.type === 'scheme:changed' ? ({ ...e, data: { scheme: e.data.scheme } } as LogEvent) : e));
        const log = acceptedLog(scheme, plain);
        expect(createEngine(scheme, log).standings()).toEqual(new IncrementalEngine(scheme, log).standings());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });

  it('a change from the first period re-scores every period, as a change without the option does', () => {
    fc.assert(
      fc.property(effectiveChangeArb, ({ scheme, bodies, variant }) => {
        const log = acceptedLog(scheme, toLog(bodies));
        const next = schemeVariants(scheme)[variant]!;
        const at = { seq: log.length + 1, at: '2026-03-02T00:00:00.000Z', actor: 'admin' };
        const a = { type: 'scheme:changed', data: { scheme: next, effectiveFrom: next.season.periods[0]!.id }, ...at } as LogEvent;
        const b = { type: 'scheme:changed', data: { scheme: next }, ...at } as LogEvent;
        expect(createEngine(scheme, [...log, a]).standings()).toEqual(createEngine(scheme, [...log, b]).standings());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  });
});
