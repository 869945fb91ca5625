/**
 * The live server composes a window's diffs in place into one accumulator: the result equals
 * composing them pairwise, and the diffs themselves (shared with the diff ring) stay unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDiff, composeInto, startCompose } from '../../server/live/compose-diff.ts';
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

describe('composing in place', () => {
  it('equals pairwise composition, leaves the inputs unchanged, and applies like the diffs one by one', () => {
    fc.assert(
      fc.property(fc.array(body, { maxLength: 6 }), fc.array(body, { minLength: 2, maxLength: 30 }), (before, burst) => {
        const engine = createEngine(scheme, [{ type: 'scheme:changed', data: { scheme }, seq: 1, at: 'x', actor: 'a' }]);
        let seq = 1;
        const ev = (b: EventBody): LogEvent => ({ ...b, seq: ++seq, at: '2026-01-01T00:00:00.000Z', actor: 'a' }) as LogEvent;
        for (const b of before) if (!engine.checkEvent(b)) engine.apply(ev(b));
        const start = engine.standings();
        const diffs: StandingsDiff[] = [];
        for (const b of burst) if (!engine.checkEvent(b)) diffs.push(engine.apply(ev(b)));
        if (diffs.length < 2) return;
        const copies = structuredClone(diffs);
        const acc = diffs.slice(1).reduce(composeInto, startCompose(diffs[0]!));
        expect(diffs).toEqual(copies);
        expect(acc).toEqual(diffs.reduce(composeDiff));
        expect(applyDiff(structuredClone(start), acc)).toEqual(engine.standings());
      }),
      { numRuns: 150 },
    );
  });
});
