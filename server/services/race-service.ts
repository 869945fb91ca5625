/**
 * The race: the event log, the engine that scores it, and the stream of diffs. All appends go
 * through one queue (submit-queue.ts): check against the engine → commit events, idempotency
 * keys and audit rows in one transaction → apply to the engine → publish the diff. Reads never
 * wait.
 */
import type { LogEvent } from '../../shared/events.ts';
import type { Engine, Problem } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { applyDiff, type Standings, type StandingsDiff } from '../../shared/standings.ts';
import type { Storage } from '../storage/storage.ts';
import { lastSeq, readEvents } from '../storage/events-repo.ts';
import { createDiffRing } from './diff-ring.ts';
import { fullDiff, snapshotAt } from './replay.ts';
import { composeInto, startCompose } from '../live/compose-diff.ts';
import { encodeSnapshot, replayLog } from './snapshot.ts';
import { writeSnapshot } from '../storage/snapshot-repo.ts';
import { createSubmitQueue, type SubmitFn } from './submit-queue.ts';
import { AppError } from '../http/errors.ts';

export type { Submission, SubmitResult, WithinTx } from './submit-queue.ts';

/** Metrics hooks: submissions settled (null code: accepted), commit latency, engine apply time. */
export interface RaceObserver {
  settled(code: string | null): void;
  committed(ms: number): void;
  applied(ms: number): void;
}

export type EngineFactory = (scheme: Scheme, events?: LogEvent[]) => Engine;

export type VersionListener = (diff: StandingsDiff, events: LogEvent[]) => void;

export interface RaceDeps {
  storage: Storage;
  createEngine: EngineFactory;
  now: () => Date;
  /** Extra scheme checks (validateScheme) run before a scheme change is accepted. */
  checkScheme?: (scheme: Scheme) => Problem[];
  log?: (msg: string, err?: unknown) => void;
  /**
   * Store a snapshot of the engine's facts every this many events (default 100,000; 0: never), and
   * after a start that replayed more than a fifth of that, so a start replays only the log's tail.
   */
  snapshotEvery?: number;
  observe?: RaceObserver;
}

export function createRaceService(deps: RaceDeps) {
  const { storage, now } = deps;
  const ring = createDiffRing();
  const listeners = new Set<VersionListener>();
  let engine: Engine | null = null;
  let version = 0;
  let schemeVersion = 0;
  /**
   * The shared current standings, and the versions it lags behind composed into one diff: it is
   * brought up to date only when someone reads it (re-ranking every patched board per version
   * would cost the writer more than the rare reader).
   */
  let current: { version: number; engine: Engine | null; s: Standings; behind: StandingsDiff | null; owned: boolean } | null = null;

  const snapshotEvery = deps.snapshotEvery ?? 100_000;
  let snapshotSeq = 0;
  /** The snapshot the last start read (0: none) and how many log events it replayed after it. */
  let loaded = { from: 0, tail: 0 };
  let snapshotting = false;

  async function load(): Promise<void> {
    const r = await replayLog(storage, deps.createEngine, undefined, deps.log);
    engine = r.engine;
    version = r.version || (await lastSeq(storage.db));
    schemeVersion = r.schemeVersion;
    snapshotSeq = r.from;
    loaded = { from: r.from, tail: r.tail };
    ring.clear();
    await snapshotIfLong();
  }

  /**
   * Stores a snapshot when a start would otherwise replay a long tail (a fifth of `snapshotEvery`
   * events since the last one): after a start's replay and on a graceful stop.
   */
  async function snapshotIfLong(): Promise<void> {
    if (snapshotEvery > 0 && version - snapshotSeq >= snapshotEvery / 5) await snapshot();
  }

  /** Stores the engine's facts as of now (the events are committed: publish runs after commit). */
  async function snapshot(): Promise<void> {
    if (snapshotting || !engine) return;
    snapshotting = true;
    try {
      const row = encodeSnapshot(engine, schemeVersion);
      if (row) {
        await writeSnapshot(storage, row, now().toISOString());
        snapshotSeq = row.seq;
      }
    } catch (err) {
      deps.log?.('snapshot failed', err);
    } finally {
      snapshotting = false;
    }
  }

  const queued = createSubmitQueue({
    storage,
    createEngine: deps.createEngine,
    now,
    checkScheme: deps.checkScheme,
    engine: () => engine,
    version: () => version,
    schemeVersion: () => schemeVersion,
    publish,
    committed: deps.observe?.committed,
  });
  const obs = deps.observe;
  const submit: SubmitFn = !obs
    ? queued
    : (...args) => {
        const p = queued(...args);
        p.then(
          () => obs.settled(null),
          (e: unknown) => obs.settled(e instanceof AppError ? e.code : 'internal'),
        );
        return p;
      };

  function publish(events: LogEvent[]): void {
    const from = version;
    let diff: StandingsDiff;
    const t0 = performance.now();
    try {
      if (!engine) {
        const s = events[0]!;
        if (s.type !== 'scheme:changed') throw new Error('first event must be a scheme');
        engine = deps.createEngine(s.data.scheme, events);
        diff = fullDiff(from, engine.standings());
      } else {
        diff = engine.apply(events);
      }
    } catch (err) {
      // The events are committed; an engine that cannot apply them must not serve stale data.
      deps.log?.('engine failed to apply committed events; rebuilding from the log', err);
      diff = { from, to: events[events.length - 1]!.seq };
      void load().catch((e) => deps.log?.('rebuild failed', e));
    }
    deps.observe?.applied(performance.now() - t0);
    version = diff.to = events[events.length - 1]!.seq;
    for (const e of events) if (e.type === 'scheme:changed') schemeVersion = e.seq;
    ring.push(diff);
    // Keep the shared snapshot catching up by diffs: a full copy from the engine costs seconds on
    // a province-size race. The first diff is shared with the ring: copied once a second arrives.
    if (current && current.engine === engine && (current.behind?.to ?? current.version) === diff.from) {
      current.behind = !current.behind ? diff : composeInto(current.owned ? current.behind : startCompose(current.behind), diff);
      current.owned = current.behind !== diff;
    }
    for (const l of listeners) {
      try {
        l(diff, events);
      } catch (err) {
        deps.log?.('version listener failed', err);
      }
    }
    // After the replies of this group have gone out (encoding blocks the thread for a moment).
    if (snapshotEvery > 0 && version - snapshotSeq >= snapshotEvery && !snapshotting) setImmediate(() => void snapshot());
  }

  /** The current standings, shared between callers until the next version: do not mutate. */
  function currentStandings(): Standings {
    if (current?.behind && current.engine === engine && current.behind.from === current.version && current.behind.to === version) {
      applyDiff(current.s, current.behind);
      current.version = version;
      current.behind = null;
      current.owned = false;
    }
    if (current?.version !== version || current.engine !== engine) current = { version, engine, s: engine?.standings() ?? { version, boards: {}, cadres: {} }, behind: null, owned: false };
    return current.s;
  }

  return {
    load,
    submit,
    onVersion(l: VersionListener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get engine(): Engine | null {
      return engine;
    },
    get version(): number {
      return version;
    },
    get schemeVersion(): number {
      return schemeVersion;
    },
    /** Where the last start began: the snapshot's seq (0: the whole log) and the events replayed after it. */
    get loadedFrom(): { from: number; tail: number } {
      return loaded;
    },
    scheme: (): Scheme | null => engine?.scheme ?? null,
    diffsSince: (since: number) => ring.since(since, version),
    standings: currentStandings,
    /** Standings as of `v` (≤ current), replaying the log up to it. */
    standingsAt(v: number): Promise<Standings> {
      return v >= version ? Promise.resolve(currentStandings()) : snapshotAt(storage, deps.createEngine, v);
    },
    readEvents: (since: number, limit: number) => readEvents(storage.db, since, limit),
    /** Stores a snapshot of the engine's facts now (also done every `snapshotEvery` events). */
    snapshot,
    snapshotIfLong,
  };
}

export type RaceService = ReturnType<typeof createRaceService>;
