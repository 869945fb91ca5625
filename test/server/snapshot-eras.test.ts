/**
 * Snapshots while several schemes are in force (changes that took effect from a later period,
 * after publications): a restore gives the same schemes per period, standings, versions and
 * diffs of later events as a replay of the whole log, and a restart of the race service after
 * such an edit starts from a snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import type { Engine, EraEngine } from '../../shared/engine/index.ts';
import type { EventBody, LogEvent } from '../../shared/events.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from '../../server/services/snapshot.ts';
import { createRaceService } from '../../server/services/race-service.ts';
import { schemeChange } from '../../server/services/scheme-effect.ts';
import { lastSnapshotSeq } from '../../server/storage/snapshot-repo.ts';
import { readAllEvents } from '../../server/storage/events-repo.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { effectiveChangeArb, schemeVariants, toLog } from '../shared/arbitraries.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const at = '2026-03-01T00:00:00.000Z';
const periods = ['m01', 'm02', 'm03', 'm04'];

/** The tiny scheme over four months. */
function fourMonths(): Scheme {
  const s = tinyScheme();
  return { ...s, season: { ...s.season, periods: periods.map((id, k) => ({ id, name: `${k + 1}月`, kind: 'month' as const, weight: 1 })) } };
}

/** The same scheme with other track weights (so each era ranks the overall boards differently). */
function reweighted(s: Scheme, k: number): Scheme {
  return { ...s, tracks: s.tracks.map((t, i) => ({ ...t, weight: i === 0 ? 1 + 2 * k : 1 })) };
}

/** Values for every town in `period`, varied by `k`. */
function values(period: string, k: number): EventBody[] {
  const out: EventBody[] = [];
  ['t1', 't2', 't3', 't4'].forEach((unit, u) => {
    out.push({ type: 'value:recorded', data: { period, unit, indicator: 'inv', value: 40 + ((u * 17 + k * 7) % 60) } });
    out.push({ type: 'value:recorded', data: { period, unit, indicator: 'proj', value: 1 + ((u + k) % 4) } });
    out.push({ type: 'value:recorded', data: { period, unit, indicator: 'hot', value: 90 - ((u * 11 + k * 5) % 40) } });
  });
  return out;
}

const rating = (period: string, cadre: string, score: number): EventBody => ({ type: 'rating:recorded', data: { period, cadre, raterGroup: 'self', rater: 'r1', score } });
const publish = (period: string): EventBody => ({ type: 'period:published', data: { period, note: '' } });
const change = (scheme: Scheme, effectiveFrom: string): EventBody => ({ type: 'scheme:changed', data: { scheme, effectiveFrom } });

/** Everything compared after a restore. */
function view(e: Engine) {
  const era = e as EraEngine;
  return { version: e.version, eras: era.eraCount, schemes: periods.map((p) => era.schemeOf(p)), standings: e.standings(), published: e.published() };
}

/** The engine rebuilt from a snapshot of `head`. */
function restore(head: Engine, schemeSeq: number): Engine {
  const row = encodeSnapshot(head, schemeSeq);
  if (!row) throw new Error('no snapshot');
  expect(row.format).toBe(SNAPSHOT_FORMAT);
  const { events } = decodeSnapshot(row);
  expect(events[events.length - 1]!.seq).toBe(head.version);
  const first = events[0]!;
  if (first.type !== 'scheme:changed') throw new Error('a snapshot starts with a scheme');
  return createEngine(first.data.scheme, events);
}

describe('snapshots with several schemes in force', () => {
  const a = fourMonths();
  const bodies: EventBody[] = [
    { type: 'scheme:changed', data: { scheme: a } },
    ...values('m01', 1),
    rating('m01', 'c1', 90),
    publish('m01'),
    change(reweighted(a, 1), 'm02'),
    ...values('m02', 2),
    rating('m02', 'c2', 80),
    publish('m02'),
    change(reweighted(a, 2), 'm03'),
    ...values('m03', 3),
  ];
  const log = toLog(bodies);
  const later = toLog([...values('m01', 4), ...values('m03', 5), rating('m02', 'c1', 70), publish('m03'), change(reweighted(a, 3), 'm04'), ...values('m04', 6)], log.length + 1);
  const firstChange = bodies.findIndex((b, k) => k > 0 && b.type === 'scheme:changed') + 1;

  it.each([
    ['two', firstChange + 13],
    ['three', log.length],
  ])('restores %s schemes in force to the same answers and the same diffs of later events', (_n, cut) => {
    const head = createEngine(a, log.slice(0, cut)) as EraEngine;
    expect(head.eraCount).toBe(_n === 'two' ? 2 : 3);
    const schemeSeq = log.slice(0, cut).filter((e) => e.type === 'scheme:changed').pop()!.seq;
    const restored = restore(head, schemeSeq);
    expect(view(restored)).toEqual(view(head));
    // the earlier periods keep their own scheme
    expect((restored as EraEngine).schemeOf('m01')).toEqual(reweighted(a, 0));
    const full = createEngine(a, log.slice(0, cut));
    for (const e of [...log.slice(cut), ...later]) {
      expect(restored.apply(e)).toEqual(full.apply(e));
      expect(view(restored)).toEqual(view(full));
    }
    expect(view(restored)).toEqual(view(createEngine(a, [...log, ...later])));
  });

  // As in the effective-from test: random events, then the first periods published and a change
  // from a random period to a variant, then more random events (with random scheme changes).
  const changeArb = fc.tuple(effectiveChangeArb, fc.integer({ min: 0, max: 1000 })).map(([c, cut]) => ({ ...c, cut }));

  it('restore at a random cut of a random log equals the whole log (random scheme changes, from random periods)', () => {
    let several = 0;
    const runs = Number(process.env.FC_RUNS ?? 120);
    fc.assert(
      fc.property(changeArb, ({ scheme, bodies, later, variant, from, cut }) => {
        const next = schemeVariants(scheme)[variant]!;
        const f = next.season.periods[Math.min(from, next.season.periods.length - 1)]!.id;
        const published = scheme.season.periods.slice(0, from).map((p) => publish(p.id));
        const raw = [...bodies, ...published, change(next, f), ...later];
        const engine = createEngine(scheme);
        const log: LogEvent[] = [{ type: 'scheme:changed', data: { scheme }, seq: 1, at, actor: 't' }];
        engine.apply(log[0]!);
        let changedAt = 0;
        for (const b of raw) {
          if (b.type !== 'scheme:changed' && engine.checkEvent(b)) continue;
          const e = { ...b, seq: log.length + 1, at, actor: 't' } as LogEvent;
          engine.apply(e);
          log.push(e);
          if (b === raw[bodies.length + published.length]) changedAt = e.seq;
        }
        // cut anywhere from the change on (earlier cuts: the single-scheme snapshot test)
        const k = changedAt + Math.round((cut / 1000) * (log.length - changedAt));
        const head = createEngine(scheme, log.slice(0, k)) as EraEngine;
        if (head.eraCount > 1) several++;
        const restored = createEngine(scheme, [...decodeSnapshot(encodeSnapshot(head, 1)!).events, ...log.slice(k)]) as EraEngine;
        const whole = createEngine(scheme, log) as EraEngine;
        const ids = whole.scheme.season.periods.map((p) => p.id);
        const answers = (e: EraEngine) => ({ version: e.version, eras: e.schemeEras, schemes: ids.map((p) => e.schemeOf(p)), standings: e.standings(), published: e.published() });
        expect(answers(restored)).toEqual(answers(whole));
      }),
      { numRuns: runs },
    );
    // about half the runs snapshot two schemes or more
    expect(several).toBeGreaterThan(runs / 6);
  });
});

describe('race service restart after a scheme change with published periods', () => {
  it('starts from a snapshot taken after the change and shows the same standings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-snap-eras-'));
    const storage = await openStorage({ dataDir: dir });
    try {
      const deps = { storage, createEngine, now: () => new Date(at), snapshotEvery: 20 };
      const race = createRaceService(deps);
      await race.load();
      const a = fourMonths();
      const send = (body: EventBody) => race.submit('admin', [{ body }]);
      await send({ type: 'scheme:changed', data: { scheme: a } });
      for (const b of values('m01', 1)) await send(b);
      await send(publish('m01'));
      // as the scheme route does: from the first unpublished period
      await send({ type: 'scheme:changed', data: schemeChange(reweighted(a, 1), ['m01']) });
      const changedAt = race.version;
      for (let k = 0; k < 3; k++) for (const b of values(k ? 'm02' : 'm01', k + 2)) await send(b);
      await new Promise((r) => setTimeout(r, 100));
      expect((race.engine as EraEngine).eraCount).toBe(2);
      const snapSeq = await lastSnapshotSeq(storage, SNAPSHOT_FORMAT);
      expect(snapSeq).toBeGreaterThan(changedAt);

      const again = createRaceService(deps);
      await again.load();
      expect(again.loadedFrom).toEqual({ from: snapSeq, tail: race.version - snapSeq });
      expect(again.version).toBe(race.version);
      expect(again.schemeVersion).toBe(changedAt);
      const full = createEngine(a, await readAllEvents(storage.db));
      expect(view(again.engine!)).toEqual(view(full));
      expect(again.standings()).toEqual(race.standings());
      expect((again.engine as EraEngine).schemeOf('m01')).toEqual(a);
    } finally {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
