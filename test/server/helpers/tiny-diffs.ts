/** Engine diffs of the tiny scheme for the compose tests: random events and the diffs they make. */
import fc from 'fast-check';
import { createEngine } from '../../../shared/engine/index.ts';
import type { EventBody, LogEvent } from '../../../shared/events.ts';
import type { Standings, StandingsDiff } from '../../../shared/standings.ts';
import { tinyScheme } from './tiny-scheme.ts';

const scheme = tinyScheme();
const units = ['t1', 't2', 't3', 't4'];

/** A value (or its withdrawal) of a town, or a cadre rating. */
export const tinyBody = fc.oneof(
  fc.record({ period: fc.constantFrom('m01', 'm02'), unit: fc.constantFrom(...units), indicator: fc.constantFrom('inv', 'proj', 'hot'), value: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(null)) }).map(
    (data): EventBody => ({ type: 'value:recorded', data }),
  ),
  fc.record({ period: fc.constantFrom('m01', 'm02'), cadre: fc.constantFrom('c1', 'c2'), score: fc.integer({ min: 0, max: 100 }) }).map(
    (d): EventBody => ({ type: 'rating:recorded', data: { ...d, raterGroup: 'peer', rater: 'r' } }),
  ),
);

/**
 * Applies `before` (events the engine refuses are skipped), takes the standings, then applies
 * `burst` one event at a time: the start, each accepted event's diff, and the standings at the end.
 */
export function diffsOf(before: EventBody[], burst: EventBody[]): { start: Standings; diffs: StandingsDiff[]; end: Standings } {
  const engine = createEngine(scheme, [{ type: 'scheme:changed', data: { scheme }, seq: 1, at: 'x', actor: 'a' }]);
  let seq = 1;
  const ev = (b: EventBody): LogEvent => ({ ...b, seq: ++seq, at: '2026-01-01T00:00:00.000Z', actor: 'a' }) as LogEvent;
  for (const b of before) if (!engine.checkEvent(b)) engine.apply(ev(b));
  const start = engine.standings();
  const diffs: StandingsDiff[] = [];
  for (const b of burst) if (!engine.checkEvent(b)) diffs.push(engine.apply(ev(b)));
  return { start, diffs, end: engine.standings() };
}
