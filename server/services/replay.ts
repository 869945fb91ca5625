/** Replays of the log: standings as of any version, and the diff that creates standings from nothing. */
import type { Standings, StandingsDiff } from '../../shared/standings.ts';
import type { Storage } from '../storage/storage.ts';
import type { EngineFactory } from './race-service.ts';
import { createSerialQueue } from './diff-ring.ts';
import { replayLog } from './snapshot.ts';

const caches = new WeakMap<Storage, Map<number, Standings>>();
/** One replay at a time: as-of requests for many versions must not multiply the work. */
const queue = createSerialQueue();

/** Standings after replaying the log up to `version` from the newest snapshot before it (a small cache keeps recent answers). */
export function snapshotAt(storage: Storage, createEngine: EngineFactory, version: number): Promise<Standings> {
  return queue(() => replayTo(storage, createEngine, version));
}

async function replayTo(storage: Storage, createEngine: EngineFactory, version: number): Promise<Standings> {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = new Map()));
  const hit = cache.get(version);
  if (hit) return structuredClone(hit);
  const { engine } = await replayLog(storage, createEngine, version);
  const s: Standings = engine?.standings() ?? { version, boards: {}, cadres: {} };
  s.version = version;
  cache.set(version, s);
  if (cache.size > 8) cache.delete(cache.keys().next().value!);
  return structuredClone(s);
}

/** The diff from an empty version `from` to standings `s`: everything added. */
export function fullDiff(from: number, s: Standings): StandingsDiff {
  const d: StandingsDiff = { from, to: s.version };
  if (Object.keys(s.boards).length) d.added = s.boards;
  if (Object.keys(s.cadres).length) d.cadresAdded = s.cadres;
  return d;
}
