/** Composed diffs: applying compose(d1…dn) equals applying d1…dn, on diffs from the real engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDiff } from '../../server/live/compose-diff.ts';
import { filterDiff, filterStandings, roomSet } from '../../server/live/room-filter.ts';
import { createEngine } from '../../shared/engine/index.ts';
import type { EventBody, LogEvent } from '../../shared/events.ts';
import { applyDiff, type StandingsDiff } from '../../shared/standings.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const scheme = tinyScheme();
const units = ['t1', 't2', 't3', 't4'];
const body = fc.oneof(
  fc.record({ period: fc.constantFrom('m01', 'm02'), unit: fc.constantFrom(...units), indicator: fc.constantFrom('inv', 'proj', 'hot'), value: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(null)) }).map(
    (data): EventBody => ({ type: 'value:recorded', data }),
  ),
  fc.record({ period: fc.constantFrom('m01', 'm02'), cadre: fc.constantFrom('c1', 'c2'), score: fc.integer({ min: 0, max: 100 }) }).map(
    (d): EventBody => ({ type: 'rating:recorded', data: { ...d, raterGroup: 'peer', rater: 'r' } }),
  ),
);

describe('composeDiff', () => {
  it('composing consecutive engine diffs gives the same standings as applying them one by one', () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 8 }), fc.array(body, { minLength: 1, maxLength: 25 }), (before, burst) => {
        const engine = createEngine(scheme, [{ type: 'scheme:changed', data: { scheme }, seq: 1, at: 'x', actor: 'a' }]);
        let seq = 1;
        const ev = (b: EventBody): LogEvent => ({ ...b, seq: ++seq, at: '2026-01-01T00:00:00.000Z', actor: 'a' }) as LogEvent;
        for (const b of before) if (!engine.checkEvent(b)) engine.apply(ev(b));
        const start = engine.standings();
        const diffs: StandingsDiff[] = [];
        for (const b of burst) if (!engine.checkEvent(b)) diffs.push(engine.apply(ev(b)));
        if (!diffs.length) return;
        const composed = diffs.reduce(composeDiff);
        expect(applyDiff(structuredClone(start), composed)).toEqual(engine.standings());
        // Filtering commutes with composing: what one room receives also adds up.
        const room = roomSet(['group:g1', 'cadres']);
        const mine = filterStandings(start, room);
        expect(applyDiff(mine, filterDiff(composed, room))).toEqual(filterStandings(engine.standings(), room));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses diffs that do not follow each other', () => {
    expect(() => composeDiff({ from: 1, to: 2 }, { from: 3, to: 4 })).toThrow();
  });
});
