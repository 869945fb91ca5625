/**
 * The race: the event log, the engine that scores it, and the stream of diffs. All appends go
 * through one queue: check against the engine → commit events, idempotency keys and audit rows in
 * one transaction → apply to the engine → publish the diff. Reads never wait.
 */
import type { EventBody, LogEvent } from '../../shared/events.ts';
import type { Engine, Problem } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import { applyDiff, type Standings, type StandingsDiff } from '../../shared/standings.ts';
import type { Storage } from '../storage/storage.ts';
import { appendEvents, findKeys, lastSeq, putKeys, readEvents } from '../storage/events-repo.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { AppError, errors } from '../http/errors.ts';
import { payloadHash } from './canonical-json.ts';
import { createDiffRing } from './diff-ring.ts';
import { fullDiff, snapshotAt } from './replay.ts';
import { composeInto, startCompose } from '../live/compose-diff.ts';
import { encodeSnapshot, replayLog } from './snapshot.ts';
import { writeSnapshot } from '../storage/snapshot-repo.ts';

export type EngineFactory = (scheme: Scheme, events?: LogEvent[]) => Engine;

export interface Submission {
  /** Idempotency key: a retry with the same key and payload is applied once. */
  key?: string;
  body: EventBody;
  /** Server-internal imports (the demo history) keep their original time and actor. */
  at?: string;
  actor?: string;
}

export interface SubmitResult {
  version: number;
  items: Array<{ seq: number; duplicate: boolean }>;
}

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
}

const problemError = (problems: Array<Problem & { index: number }>) =>
  new AppError(422, problems[0]!.code, { zh: problems[0]!.zh, en: problems[0]!.en }, { problems });

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
  let snapshotting = false;

  async function load(): Promise<void> {
    const r = await replayLog(storage, deps.createEngine, undefined, deps.log);
    engine = r.engine;
    version = r.version || (await lastSeq(storage.db));
    schemeVersion = r.schemeVersion;
    snapshotSeq = r.from;
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

  /** Event types whose validity may depend on earlier events of the same batch. */
  const DEPENDENT = new Set(['value:corrected', 'adjustment:recorded', 'adjustment:revoked', 'veto:recorded', 'veto:revoked', 'waiver:decided', 'cadre:adjusted', 'scheme:changed', 'period:published']);

  async function check(subs: Submission[], actor: string, base: number): Promise<void> {
    const problems: Array<Problem & { index: number }> = [];
    const add = (p: Problem | null | undefined, index: number) => p && problems.length < 100 && problems.push({ ...p, index });
    subs.forEach((s, index) => {
      if (s.body.type === 'scheme:changed') for (const p of deps.checkScheme?.(s.body.data.scheme) ?? []) add(p, index);
      if (!engine && s.body.type !== 'scheme:changed') throw errors.noScheme();
    });
    if (!problems.length && engine) {
      if (subs.length > 1 && subs.some((s) => DEPENDENT.has(s.body.type))) {
        // Later events may refer to earlier ones (a waiver of a deduction in the same batch):
        // check them in order against a scratch engine replayed from the log.
        const scratch = (await replayLog(storage, deps.createEngine)).engine!;
        const at = now().toISOString();
        let pending: LogEvent[] = [];
        for (let i = 0; i < subs.length && !problems.length; i++) {
          const body = subs[i]!.body;
          // Only dependent events look at earlier ones, so applying runs of events lazily is enough.
          if (DEPENDENT.has(body.type) && pending.length) {
            scratch.apply(pending);
            pending = [];
          }
          const p = scratch.checkEvent(body);
          if (p) add(p, i);
          else pending.push({ ...body, seq: base + i + 1, at, actor } as LogEvent);
        }
      } else {
        subs.forEach((s, index) => add(engine!.checkEvent(s.body), index));
      }
    }
    if (problems.length) throw problemError(problems);
  }

  interface Job {
    actor: string;
    subs: Submission[];
    reason?: string;
    resolve: (r: SubmitResult) => void;
    reject: (e: unknown) => void;
  }
  type KeyRec = { key: string; hash: string; seq: number };
  const jobs: Job[] = [];
  let draining = false;

  /**
   * Appends events atomically (all or none) and returns their seqs, or throws an AppError.
   * Submissions waiting at the same time are committed together (group commit: one transaction,
   * one fsync, one engine update), each still all-or-nothing and refused on its own.
   */
  function submit(actor: string, subs: Submission[], reason?: string): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      jobs.push({ actor, subs, reason, resolve, reject });
      if (draining) return;
      draining = true;
      // better-sqlite3 is synchronous: a transaction never yields to the event loop, so without
      // this turn no other request could join the group. setImmediate runs after the poll phase
      // has read every request that is already waiting.
      setImmediate(() => void drain());
    });
  }

  /** Jobs whose checks cannot depend on other jobs of the same group. */
  const groupable = (j: Job) => engine !== null && j.subs.every((s) => !DEPENDENT.has(s.body.type));

  async function drain(): Promise<void> {
    try {
      while (jobs.length) {
        const group = [jobs.shift()!];
        let n = group[0]!.subs.length;
        if (groupable(group[0]!)) {
          while (jobs.length && groupable(jobs[0]!) && n + jobs[0]!.subs.length <= 20_000) {
            n += jobs[0]!.subs.length;
            group.push(jobs.shift()!);
          }
        }
        await runGroup(group);
      }
    } finally {
      draining = false;
    }
  }

  async function runGroup(group: Job[]): Promise<void> {
    const open = new Set(group);
    try {
      const keys = group.flatMap((j) => j.subs.map((s) => s.key).filter((k): k is string => k !== undefined));
      const known = keys.length ? await findKeys(storage.db, keys) : new Map<string, KeyRec>();
      const pending = new Map<string, KeyRec>();
      const accepted: Array<{ job: Job; items: SubmitResult['items']; events: LogEvent[]; keys: KeyRec[] }> = [];
      let base = version;
      for (const job of group) {
        try {
          const r = await prepare(job, base, (k) => known.get(k) ?? pending.get(k));
          for (const k of r.keys) pending.set(k.key, k);
          base += r.events.length;
          accepted.push({ job, ...r });
        } catch (e) {
          open.delete(job);
          job.reject(e);
        }
      }
      const events = accepted.flatMap((a) => a.events);
      if (events.length) {
        await storage.tx(async (trx) => {
          await appendEvents(trx, events);
          await putKeys(trx, accepted.flatMap((a) => a.keys));
          await writeAudit(trx, accepted.flatMap((a) => a.events.map((e) => auditOf(e, a.job.reason, schemeVersion))));
        });
        publish(events);
      }
      for (const a of accepted) {
        open.delete(a.job);
        a.job.resolve({ version, items: a.items });
      }
    } catch (e) {
      for (const job of open) job.reject(e);
    }
  }

  /** Idempotency and engine checks of one job, its events numbered after `base`. */
  async function prepare(job: Job, base: number, seen: (key: string) => KeyRec | undefined) {
    const { subs, actor } = job;
    const items: SubmitResult['items'] = [];
    const fresh: Submission[] = [];
    const keys: KeyRec[] = [];
    const mine = new Map<string, KeyRec>();
    subs.forEach((s, i) => {
      const hash = payloadHash(s.body);
      const prior = s.key === undefined ? undefined : (seen(s.key) ?? mine.get(s.key));
      if (prior) {
        if (prior.hash !== hash) throw errors.idempotencyConflict({ index: i, key: s.key });
        items.push({ seq: prior.seq, duplicate: true });
        return;
      }
      const seq = base + fresh.length + 1;
      fresh.push(s);
      items.push({ seq, duplicate: false });
      if (s.key !== undefined) {
        const rec = { key: s.key, hash, seq };
        mine.set(s.key, rec);
        keys.push(rec);
      }
    });
    if (fresh.length) await check(fresh, actor, base);
    const at = now().toISOString();
    const events = fresh.map((s, i) => ({ ...s.body, seq: base + i + 1, at: s.at ?? at, actor: s.actor ?? actor }) as LogEvent);
    return { items, events, keys };
  }

  function publish(events: LogEvent[]): void {
    const from = version;
    let diff: StandingsDiff;
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

function auditOf(e: LogEvent, reason: string | undefined, schemeVersion: number) {
  const d = e.data as Record<string, unknown>;
  const target =
    e.type === 'scheme:changed'
      ? `scheme@${e.seq}`
      : ['unit', 'cadre', 'period', 'indicator', 'id', 'target'].filter((k) => typeof d[k] === 'string').map((k) => `${k}:${String(d[k])}`).join(' ');
  const after = e.type === 'scheme:changed' ? { version: e.seq, name: e.data.scheme.name } : d;
  const before = e.type === 'scheme:changed' ? { version: schemeVersion } : null;
  const why = reason ?? (typeof d.reason === 'string' ? d.reason : typeof d.reasoning === 'string' ? d.reasoning : null);
  return { at: e.at, actor: e.actor, action: e.type, target: `seq:${e.seq} ${target}`.trim(), before, after, reason: why };
}

export type RaceService = ReturnType<typeof createRaceService>;
