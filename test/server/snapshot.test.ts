/**
 * Snapshots: an engine rebuilt from a snapshot plus the rest of the log equals the engine that
 * replayed the whole log (standings, explanations, publications, checks), on random schemes and
 * logs; and a restart of the race service reads the snapshot and only the tail.
 */
import { sql } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import type { Engine } from '../../shared/engine/index.ts';
import type { EventBody, LogEvent } from '../../shared/events.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { decodeSnapshot, encodeSnapshot, replayLog, SNAPSHOT_FORMAT } from '../../server/services/snapshot.ts';
import { createRaceService } from '../../server/services/race-service.ts';
import { lastSnapshotSeq } from '../../server/storage/snapshot-repo.ts';
import { readAllEvents } from '../../server/storage/events-repo.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { eventsArb, schemeArb } from '../shared/arbitraries.ts';
import { dropSchema, findPostgres, freshSchema } from './helpers/pg.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const at = '2026-03-01T00:00:00.000Z';

/** The accepted log of `bodies` (with a publication now and then), starting with the scheme. */
function build(scheme: Scheme, bodies: EventBody[]): LogEvent[] {
  const log: LogEvent[] = [{ type: 'scheme:changed', data: { scheme }, seq: 1, at, actor: 't' }];
  const engine = createEngine(scheme, log);
  bodies.forEach((b, k) => {
    const all: EventBody[] = k % 17 === 5 ? [{ type: 'period:published', data: { period: engine.scheme.season.periods[0]!.id, note: '' } }, b] : [b];
    for (const body of all) {
      if (engine.checkEvent(body)) continue;
      const e = { ...body, seq: log.length + 1, at: `2026-03-01T00:00:${String(log.length % 60).padStart(2, '0')}.000Z`, actor: 't' } as LogEvent;
      engine.apply(e);
      log.push(e);
    }
  });
  return log;
}

/** Everything an engine answers, for comparison. */
function view(e: Engine) {
  const s = e.scheme;
  const units = s.units.map((u) => u.id);
  const periods = s.season.periods.map((p) => p.id);
  return {
    version: e.version,
    standings: JSON.stringify(e.standings()),
    published: e.published(),
    units: periods.flatMap((p) => s.tracks.flatMap((t) => units.map((u) => e.explainUnit(p, t.id, u)))),
    overall: [null, ...periods].flatMap((p) => units.map((u) => e.explainOverall(p, u))),
    season: s.tracks.flatMap((t) => units.map((u) => e.explainSeason(t.id, u))),
    cadres: periods.flatMap((p) => s.cadres.map((c) => e.explainCadre(p, c.id))),
    checks: ['A0', 'A3', 'V1', 'C2'].map((id) => [e.checkEvent({ type: 'adjustment:revoked', data: { id, reason: 'r' } }), e.checkEvent({ type: 'waiver:decided', data: { target: id, decision: 'accepted', reference: '', reasoning: 'r' } })]),
  };
}

describe('engine snapshots', () => {
  it('snapshot + tail equals the whole log, wherever the snapshot is taken', () => {
    fc.assert(
      fc.property(
        schemeArb.chain((scheme) => fc.tuple(fc.constant(scheme), eventsArb(scheme), fc.integer({ min: 0, max: 1000 }))),
        ([scheme, bodies, cut]) => {
          const log = build(scheme, bodies);
          // (an integer per mille: fast-check's doubles in [0, 1] are mostly tiny, cutting after the scheme)
          const k = Math.max(1, Math.round((cut / 1000) * log.length));
          const head = createEngine(scheme, log.slice(0, k));
          const schemeSeq = log.slice(0, k).filter((e) => e.type === 'scheme:changed').pop()!.seq;
          const row = encodeSnapshot(head, schemeSeq)!;
          expect(row.seq).toBe(k);
          const { events, schemeSeq: decodedSchemeSeq } = decodeSnapshot(row);
          expect(decodedSchemeSeq).toBe(schemeSeq);
          expect(events.length).toBeLessThanOrEqual(k);
          events.forEach((e, i) => i && expect(e.seq).toBeGreaterThan(events[i - 1]!.seq));
          expect(events[events.length - 1]!.seq).toBe(k);
          const first = events[0]!;
          if (first.type !== 'scheme:changed') throw new Error('a snapshot starts with its scheme');
          const restored = createEngine(first.data.scheme, [...events, ...log.slice(k)]);
          expect(view(restored)).toEqual(view(createEngine(scheme, log)));
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 120) },
    );
  });

  it('keeps the scheme before a publication when the log has no other fact (found by fast-check)', () => {
    const scheme = tinyScheme();
    const clear: EventBody = { type: 'value:recorded', data: { period: 'm01', unit: 't1', indicator: 'inv', value: null } };
    // scheme (1), four clears (2–5), publication (6), a clear (7): no fact but the scheme and the publication.
    const log: LogEvent[] = [{ type: 'scheme:changed', data: { scheme }, seq: 1, at, actor: 't' }];
    for (const body of [clear, clear, clear, clear, { type: 'period:published', data: { period: 'm01', note: '' } } as EventBody, clear])
      log.push({ ...body, seq: log.length + 1, at, actor: 't' } as LogEvent);
    const { events } = decodeSnapshot(encodeSnapshot(createEngine(scheme, log), 1)!);
    expect(events.map((e) => [e.type, e.seq])).toEqual([
      ['scheme:changed', 1],
      ['period:published', 6],
      ['scheme:changed', 7],
    ]);
    expect(view(createEngine(scheme, events))).toEqual(view(createEngine(scheme, log)));
  });
});

const pgUrl = await findPostgres();
const backends: Array<[string, () => Promise<{ storage: Storage; done: () => Promise<void> }>]> = [
  [
    'SQLite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-snap-'));
      const storage = await openStorage({ dataDir: dir });
      return { storage, done: async () => (await storage.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  ],
];
if (pgUrl) {
  backends.push([
    'PostgreSQL',
    async () => {
      const schema = freshSchema();
      const storage = await openStorage({ url: pgUrl, pgSchema: schema });
      return { storage, done: async () => (await storage.close(), await dropSchema(pgUrl, schema)) };
    },
  ]);
}

describe.each(backends)('race service with snapshots on %s', (_name, open) => {
  it('stores snapshots as the log grows and a restart replays only the tail, to the same standings', async () => {
    const { storage, done } = await open();
    const deps = { storage, createEngine, now: () => new Date(at), snapshotEvery: 25 };
    const race = createRaceService(deps);
    await race.load();
    await race.submit('admin', [{ body: { type: 'scheme:changed', data: { scheme: tinyScheme() } } }]);
    const units = ['t1', 't2', 't3', 't4'];
    for (let i = 0; i < 120; i++) {
      const value = i % 11 === 3 ? null : 30 + ((i * 37) % 70);
      await race.submit('admin', [{ key: `k${i}`, body: { type: 'value:recorded', data: { period: i % 3 ? 'm01' : 'm02', unit: units[i % 4]!, indicator: ['inv', 'proj', 'hot'][i % 3]!, value } } }]);
      if (i === 60) await race.submit('admin', [{ body: { type: 'period:published', data: { period: 'm01', note: '' } } }]);
      // Snapshots are written after the replies, in a later turn.
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 100));
    const snapSeq = await lastSnapshotSeq(storage, SNAPSHOT_FORMAT);
    expect(snapSeq).toBeGreaterThan(75);
    const all = await readAllEvents(storage.db);
    const full = createEngine(tinyScheme(), all);

    const r = await replayLog(storage, createEngine);
    expect(r.from).toBe(snapSeq);
    expect(r.tail).toBe(all.length - snapSeq);
    const again = createRaceService(deps);
    await again.load();
    expect(again.version).toBe(race.version);
    expect(again.schemeVersion).toBe(1);
    expect(view(again.engine!)).toEqual(view(full));
    // That start replayed more than a fifth of snapshotEvery: it stored a snapshot of its own.
    expect(await lastSnapshotSeq(storage, SNAPSHOT_FORMAT)).toBe(race.version);
    // As-of replays start from the newest snapshot before the version asked for.
    const v = snapSeq - 3;
    expect(await again.standingsAt(v)).toEqual({ ...createEngine(tinyScheme(), all.slice(0, v)).standings(), version: v });
    // A graceful stop stores one only when the tail since the last is long (a fifth of snapshotEvery).
    const submitValue = (i: number) => again.submit('admin', [{ key: `s${i}`, body: { type: 'value:recorded', data: { period: 'm02', unit: 't1', indicator: 'inv', value: i } } }]);
    for (let i = 0; i < 4; i++) await submitValue(i);
    await again.snapshotIfLong();
    expect(await lastSnapshotSeq(storage, SNAPSHOT_FORMAT)).toBe(race.version);
    await submitValue(4);
    await again.snapshotIfLong();
    expect(await lastSnapshotSeq(storage, SNAPSHOT_FORMAT)).toBe(again.version);
    // Rows of the previous format (one scheme in force, the same encoding) are still read after an upgrade.
    await sql`update snapshots set format = 1`.execute(storage.db);
    const old = await replayLog(storage, createEngine);
    expect(old.from).toBe(again.version);
    expect(old.tail).toBe(0);
    expect(view(old.engine!)).toEqual(view(createEngine(tinyScheme(), await readAllEvents(storage.db))));
    await done();
  });
});
