/**
 * What an export reads: the live engine and standings, or a published snapshot — the standings
 * and an engine replayed to the version at which the period was (last) published, so the
 * indicator values and points in the export are those of the snapshot too.
 */
import type { Engine } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Standings } from '../../shared/standings.ts';
import type { EngineFactory, RaceService } from '../services/race-service.ts';
import type { Storage } from '../storage/storage.ts';
import { readAllEvents } from '../storage/events-repo.ts';
import { createSerialQueue } from '../services/diff-ring.ts';
import { errors } from '../http/errors.ts';
import { domainErrors } from '../services/domain-errors.ts';

export interface Source {
  scheme: Scheme;
  engine: Engine;
  standings: Standings;
  version: number;
  source: 'live' | 'published';
}

const cache = new WeakMap<Storage, Map<number, Engine>>();
const queue = createSerialQueue();

/** An engine at `version`, replayed from the log (the last two are kept). */
export function engineAt(storage: Storage, createEngine: EngineFactory, version: number): Promise<Engine | null> {
  return queue(async () => {
    let m = cache.get(storage);
    if (!m) cache.set(storage, (m = new Map()));
    const hit = m.get(version);
    if (hit) return hit;
    const events = await readAllEvents(storage.db, version);
    const first = events.find((e) => e.type === 'scheme:changed');
    if (!first || first.type !== 'scheme:changed') return null;
    const engine = createEngine(first.data.scheme, events);
    m.set(version, engine);
    if (m.size > 2) m.delete(m.keys().next().value!);
    return engine;
  });
}

/** The version at which `period` was last published, or null. */
export function publishedVersion(race: RaceService, period: string): number | null {
  const pubs = (race.engine?.published() ?? []).filter((p) => p.period === period);
  return pubs.length ? pubs[pubs.length - 1]!.version : null;
}

export async function resolveSource(storage: Storage, race: RaceService, createEngine: EngineFactory, period: string, source: 'live' | 'published'): Promise<Source> {
  const live = race.engine;
  if (!live) throw errors.noScheme();
  if (source === 'live') {
    if (!live.scheme.season.periods.some((p) => p.id === period)) throw errors.notFound();
    // a period kept on an earlier scheme is exported with that scheme's indicators
    return { scheme: live.schemeOf?.(period) ?? live.scheme, engine: live, standings: race.standings(), version: race.version, source };
  }
  const v = publishedVersion(race, period);
  if (v === null) throw domainErrors.notPublished();
  const engine = await engineAt(storage, createEngine, v);
  if (!engine) throw domainErrors.notPublished();
  const standings = engine.standings();
  standings.version = v;
  return { scheme: engine.schemeOf?.(period) ?? engine.scheme, engine, standings, version: v, source };
}
