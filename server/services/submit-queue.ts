/**
 * The race's append queue: every submission is checked against the engine, then its events,
 * idempotency keys and audit rows commit in one transaction, then the race publishes them.
 * Submissions waiting at the same time share that transaction (group commit).
 */
import type { EventBody, LogEvent } from '../../shared/events.ts';
import type { Engine, Problem } from '../../shared/engine/types.ts';
import type { Db } from '../storage/storage.ts';
import { appendEvents, findKeys, putKeys } from '../storage/events-repo.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { AppError, errors } from '../http/errors.ts';
import { payloadHash } from './canonical-json.ts';
import { replayLog } from './snapshot.ts';
import type { RaceDeps } from './race-service.ts';

export interface Submission {
  /** Idempotency key: a retry with the same key and payload is applied once. */
  key?: string;
  body: EventBody;
  /** Server-internal imports (the demo history) keep their original time and actor. */
  at?: string;
  actor?: string;
}

/**
 * Work that must commit together with a submission's events (e.g. an appeal's new status with
 * its decision event): runs inside the events' transaction after they are appended; throwing
 * rolls the events back and refuses the submission. Such a submission is committed on its own.
 */
export type WithinTx = (trx: Db, events: LogEvent[]) => Promise<void>;

export interface SubmitResult {
  version: number;
  items: Array<{ seq: number; duplicate: boolean }>;
}

export interface SubmitQueueDeps extends Pick<RaceDeps, 'storage' | 'createEngine' | 'now' | 'checkScheme'> {
  /** The race's engine as of now (null before the first scheme). */
  engine: () => Engine | null;
  /** The race's version (seq of the last committed event) as of now. */
  version: () => number;
  /** Seq of the scheme in force as of now (the audit's `before` of a scheme change). */
  schemeVersion: () => number;
  /** Applies committed events to the engine, advances the version and notifies listeners. */
  publish: (events: LogEvent[]) => void;
}

export type SubmitFn = (actor: string, subs: Submission[], reason?: string, within?: WithinTx) => Promise<SubmitResult>;

const problemError = (problems: Array<Problem & { index: number }>) =>
  new AppError(422, problems[0]!.code, { zh: problems[0]!.zh, en: problems[0]!.en }, { problems });

/** Event types whose validity may depend on earlier events of the same batch. */
const DEPENDENT = new Set(['value:corrected', 'adjustment:recorded', 'adjustment:revoked', 'veto:recorded', 'veto:revoked', 'waiver:decided', 'cadre:adjusted', 'scheme:changed', 'period:published']);

interface Job {
  actor: string;
  subs: Submission[];
  reason?: string;
  within?: WithinTx;
  resolve: (r: SubmitResult) => void;
  reject: (e: unknown) => void;
}
type KeyRec = { key: string; hash: string; seq: number };

/** Creates the race's one append queue; returns its `submit`. */
export function createSubmitQueue(deps: SubmitQueueDeps): SubmitFn {
  const { storage, now } = deps;
  const jobs: Job[] = [];
  let draining = false;

  async function check(subs: Submission[], actor: string, base: number): Promise<void> {
    const engine = deps.engine();
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
        subs.forEach((s, index) => add(engine.checkEvent(s.body), index));
      }
    }
    if (problems.length) throw problemError(problems);
  }

  /**
   * Appends events atomically (all or none) and returns their seqs, or throws an AppError.
   * Submissions waiting at the same time are committed together (group commit: one transaction,
   * one fsync, one engine update), each still all-or-nothing and refused on its own.
   */
  function submit(actor: string, subs: Submission[], reason?: string, within?: WithinTx): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      jobs.push({ actor, subs, reason, within, resolve, reject });
      if (draining) return;
      draining = true;
      // better-sqlite3 is synchronous: a transaction never yields to the event loop, so without
      // this turn no other request could join the group. setImmediate runs after the poll phase
      // has read every request that is already waiting.
      setImmediate(() => void drain());
    });
  }

  /** Jobs whose checks cannot depend on other jobs of the same group. */
  const groupable = (j: Job) => deps.engine() !== null && !j.within && j.subs.every((s) => !DEPENDENT.has(s.body.type));

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
      let base = deps.version();
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
          await writeAudit(trx, accepted.flatMap((a) => a.events.map((e) => auditOf(e, a.job.reason, deps.schemeVersion()))));
          // (a job with `within` is always alone in its group: its failure refuses only itself)
          for (const a of accepted) if (a.job.within) await a.job.within(trx, a.events);
        });
        deps.publish(events);
      }
      for (const a of accepted) {
        open.delete(a.job);
        a.job.resolve({ version: deps.version(), items: a.items });
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

  return submit;
}

function auditOf(e: LogEvent, reason: string | undefined, schemeVersion: number) {
  const d = e.data as Record<string, unknown>;
  const target =
    e.type === 'scheme:changed'
      ? `scheme@${e.seq}`
      : ['unit', 'cadre', 'period', 'indicator', 'id', 'target'].filter((k) => typeof d[k] === 'string').map((k) => `${k}:${String(d[k])}`).join(' ');
  const after = e.type === 'scheme:changed' ? { version: e.seq, name: e.data.scheme.name, effectiveFrom: e.data.effectiveFrom ?? null, rescored: e.data.rescore?.periods ?? [] } : d;
  const before = e.type === 'scheme:changed' ? { version: schemeVersion } : null;
  const why = reason ?? (typeof d.reason === 'string' ? d.reason : typeof d.reasoning === 'string' ? d.reasoning : null);
  return { at: e.at, actor: e.actor, action: e.type, target: `seq:${e.seq} ${target}`.trim(), before, after, reason: why };
}
