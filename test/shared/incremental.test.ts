import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/events.ts';
import { computeStandings, createEngine } from '../../shared/engine/index.ts';
import { applyDiff, densify, isEmptyDiff, type Standings } from '../../shared/standings.ts';
import { filterDiff, filterStandings, roomSet, type RoomSet } from '../../server/live/room-filter.ts';
import { acceptedLog, eventsArb, schemeArb, toLog } from './arbitraries.ts';

/** The log cut into consecutive batches at `cuts` and at its end: [end, events] pairs. */
function* batchesOf(log: LogEvent[], cuts: number[]): Generator<[number, LogEvent[]]> {
  const bounds = [...new Set([...cuts.filter((c) => c < log.length), log.length])].sort((a, b) => a - b);
  let start = 0;
  for (const end of bounds) {
    const batch = log.slice(start, end);
    start = end;
    if (batch.length) yield [end, batch];
  }
}

const worldArb = schemeArb.chain((scheme) =>
  fc.record({ scheme: fc.constant(scheme), bodies: eventsArb(scheme), cuts: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }) }),
);

describe('incremental engine', () => {
  it('equals a full recompute by the reference engine after every batch, and its diffs replay to the same standings', () => {
    let denseDiffs = 0;
    fc.assert(
      fc.property(worldArb, ({ scheme, bodies, cuts }) => {
        const log = acceptedLog(scheme, toLog(bodies));
        const engine = createEngine(scheme);
        const mirror = engine.standings();
        // as a live client gets them: boards whose scores mostly moved carry them densely
        const wireMirror = engine.standings();
        for (const [end, batch] of batchesOf(log, cuts)) {
          const diff = engine.apply(batch);
          applyDiff(mirror, JSON.parse(JSON.stringify(diff)));
          const wire = densify(diff, (k) => engine.boardScores(k), 1);
          if (wire !== diff) denseDiffs++;
          applyDiff(wireMirror, JSON.parse(JSON.stringify(wire)));
          const expected = computeStandings(scheme, log.slice(0, end));
          expect(engine.standings()).toEqual(expected);
          expect(mirror).toEqual(expected);
          expect(wireMirror).toEqual(expected);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
    // the dense wire form was exercised, not only the row form
    expect(denseDiffs).toBeGreaterThan(0);
  });

  it('a room sent only its non-empty diffs, each from its last one, keeps the reference standings of its boards', () => {
    let skipped = 0;
    let spanned = 0;
    fc.assert(
      fc.property(worldArb, ({ scheme, bodies, cuts }) => {
        const log = acceptedLog(scheme, toLog(bodies));
        const engine = createEngine(scheme);
        // as the live server sends them: one room per group (and one with the cadres too)
        const rooms: Array<{ set: RoomSet; mirror: Standings; quiet: number | null }> = scheme.groups.map((g, i) => {
          const set = roomSet(i ? [`group:${g.id}`] : [`group:${g.id}`, 'cadres']);
          return { set, mirror: filterStandings(engine.standings(), set), quiet: null };
        });
        for (const [end, batch] of batchesOf(log, cuts)) {
          const diff = engine.apply(batch);
          const wire = densify(diff, (k) => engine.boardScores(k), 1);
          const expected = computeStandings(scheme, log.slice(0, end));
          for (const room of rooms) {
            const part = filterDiff(wire, room.set);
            if (isEmptyDiff(part)) {
              skipped++;
              room.quiet ??= diff.from;
              continue;
            }
            if (room.quiet !== null) spanned++;
            part.from = room.quiet ?? diff.from;
            room.quiet = null;
            applyDiff(room.mirror, JSON.parse(JSON.stringify(part)));
            expect(room.mirror).toEqual(filterStandings(expected, room.set));
          }
        }
        for (const room of rooms) {
          const { version, ...rest } = filterStandings(engine.standings(), room.set);
          expect({ ...room.mirror, version }).toEqual({ ...rest, version });
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
    // rooms did skip diffs, and later patches did span the skipped versions
    expect(skipped).toBeGreaterThan(0);
    expect(spanned).toBeGreaterThan(0);
  });

  it('on dense boards (every cell reported) later updates still equal the reference, diffs included', () => {
    let denseDiffs = 0;
    const dense = schemeArb.chain((scheme) => {
      const cells = scheme.season.periods.slice(0, 2).flatMap((p) =>
        scheme.groups.flatMap((g) =>
          scheme.tracks
            .filter((t) => g.tracks.includes(t.id))
            .flatMap((t) => g.units.flatMap((u) => t.indicators.map((i) => ({ period: p.id, unit: u, indicator: i.code, grade: i.method.kind === 'grade' })))),
        ),
      );
      const fill = fc.tuple(...cells.map((c) => fc.integer({ min: 0, max: 9 }).map((x) => ({ type: 'value:recorded' as const, data: { period: c.period, unit: c.unit, indicator: c.indicator, value: c.grade ? 'ABCD'[x % 4]! : x } }))));
      return fc.record({ scheme: fc.constant(scheme), fill, more: eventsArb(scheme) });
    });
    fc.assert(
      fc.property(dense, ({ scheme, fill, more }) => {
        // later values stay in the filled periods, so no board appears and no rebuild hides a mistake
        const filled = new Set(scheme.season.periods.slice(0, 2).map((p) => p.id));
        const updates = more.filter((e) => e.type === 'value:recorded' && e.data.value !== null && filled.has(e.data.period)).slice(0, 12);
        const log = acceptedLog(scheme, toLog([...fill, ...updates]));
        const engine = createEngine(scheme, log.slice(0, fill.length));
        const mirror = engine.standings();
        const wireMirror = engine.standings();
        for (let k = fill.length; k < log.length; k++) {
          const diff = engine.apply(log[k]!);
          applyDiff(mirror, JSON.parse(JSON.stringify(diff)));
          const wire = densify(diff, (key) => engine.boardScores(key), 1);
          if (wire !== diff) denseDiffs++;
          applyDiff(wireMirror, JSON.parse(JSON.stringify(wire)));
          const expected = computeStandings(scheme, log.slice(0, k + 1));
          expect(engine.standings()).toEqual(expected);
          expect(mirror).toEqual(expected);
          expect(wireMirror).toEqual(expected);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
    expect(denseDiffs).toBeGreaterThan(0);
  });

  it('a full rebuild from the log equals the incrementally built engine', () => {
    fc.assert(
      fc.property(worldArb, ({ scheme, bodies }) => {
        const log = acceptedLog(scheme, toLog(bodies));
        const inc = createEngine(scheme);
        for (const e of log) inc.apply(e);
        expect(createEngine(scheme, log).standings()).toEqual(inc.standings());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });
});
