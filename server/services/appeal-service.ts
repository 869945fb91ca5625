/**
 * Appeals of units (SPEC §6): data objections (数据异议) on an indicator value and 容错
 * applications on a deduction or veto, with the "三个区分开来" questions and evidence files,
 * reviewed by the organization department: submitted → under_review → accepted | partial |
 * rejected | clarified (澄清正名), each step in the appeal's history.
 *
 * A decision that changes scores is an event in the log (`waiver:decided`, `value:corrected`),
 * so the log stays the only source of standings. The event (idempotency key
 * `appeal:<id>:decision`) and the appeal's new status, history and audit row commit in one
 * transaction (`race.submit`'s `within`): if the engine refuses the event or another decision got
 * there first, nothing has changed.
 *
 * Versions before that parked the decision on the row (`pending`) while its event was submitted;
 * `recover()` on start finalises such a row exactly when the keyed event exists, else drops it.
 */
import type { Db, Storage } from '../storage/storage.ts';
import type { AppealsTable } from '../storage/schema.ts';
import type { EventBody } from '../../shared/events.ts';
import type { RaceService } from './race-service.ts';
import type { EvidenceService } from './evidence-service.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { findKeys } from '../storage/events-repo.ts';
import { newId } from '../auth/secrets.ts';
import { errors } from '../http/errors.ts';
import { domainErrors } from './domain-errors.ts';
import { checkTarget } from './appeal-targets.ts';
import { APPEAL_STATUSES, type Appeal, type AppealHistoryEntry, type AppealKind, type AppealStatus, type AppealTarget, type ToleranceQuestions } from '../../shared/appeals.ts';

export { APPEAL_STATUSES };
export type { Appeal, AppealKind, AppealStatus, AppealTarget, ToleranceQuestions };

export interface NewAppeal {
  unit: string;
  kind: AppealKind;
  period: string;
  target: AppealTarget;
  text: string;
  questions?: ToleranceQuestions;
  evidence: string[];
  proposedValue?: number | string | null;
}

export interface Decision {
  status: AppealStatus;
  reference?: string;
  decision?: string;
  /** partial: points of the deduction waived. */
  points?: number;
  /** objection accepted: the corrected value. */
  value?: number | string | null;
}

const FINAL = new Set<AppealStatus>(['accepted', 'partial', 'rejected', 'clarified']);
const NEXT: Record<AppealStatus, AppealStatus[]> = {
  submitted: ['under_review', 'accepted', 'partial', 'rejected', 'clarified'],
  under_review: ['accepted', 'partial', 'rejected', 'clarified'],
  accepted: [],
  partial: [],
  rejected: [],
  clarified: [],
};

const parse = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

function historyOf(r: AppealsTable): AppealHistoryEntry[] {
  if (r.history !== null) return parse<AppealHistoryEntry[]>(r.history, []);
  // Rows filed before issue 5 kept no history: rebuild what is known.
  const h: AppealHistoryEntry[] = [{ at: r.created_at, actor: r.created_by, status: 'submitted', note: null }];
  if (r.status !== 'submitted') h.push({ at: r.updated_at, actor: '', status: r.status as AppealStatus, note: r.decision });
  return h;
}

function targetOf(r: AppealsTable): AppealTarget | null {
  if (r.target_json !== null) return parse<AppealTarget>(r.target_json, { legacy: '' });
  return r.target === null ? null : { legacy: r.target };
}

const targetId = (t: AppealTarget): string => ('indicator' in t ? t.indicator : 'adjustment' in t ? t.adjustment : 'veto' in t ? t.veto : t.legacy);

export function createAppealService(deps: {
  storage: Storage;
  now: () => Date;
  race: RaceService;
  evidence: EvidenceService;
  notify: (id: string, unit: string) => void;
}) {
  const { storage, now, race, evidence, notify } = deps;

  /** `db`: the transaction when called inside one (SQLite has one connection). */
  async function toAppeals(rows: AppealsTable[], db: Db = storage.db): Promise<Appeal[]> {
    const ids = [...new Set(rows.flatMap((r) => parse<string[]>(r.evidence, [])))];
    const files = new Map((await evidence.infos(ids, db)).map((f) => [f.id, { id: f.id, name: f.name, size: f.size, type: f.type }]));
    return rows.map((r) => ({
      id: r.id,
      unit: r.unit,
      kind: r.kind as AppealKind,
      period: r.period,
      target: targetOf(r),
      text: r.text,
      questions: parse<ToleranceQuestions | null>(r.questions, null),
      evidence: parse<string[]>(r.evidence, []).flatMap((id) => files.get(id) ?? []),
      proposedValue: parse<number | string | null>(r.proposed_value, null),
      status: r.status as AppealStatus,
      reference: r.reference,
      decision: r.decision,
      eventSeq: r.event_seq === null ? null : Number(r.event_seq),
      history: historyOf(r),
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
  const one = async (r: AppealsTable) => (await toAppeals([r]))[0]!;

  async function file(input: NewAppeal, actor: string): Promise<Appeal> {
    if (input.kind === 'tolerance' && !input.questions) throw errors.badRequest('容错申请须回答“三个区分开来”的问题。', 'A 容错 application must answer the three questions.');
    await checkTarget(storage, race, input);
    const files = await evidence.infos(input.evidence);
    if (files.length !== new Set(input.evidence).size || files.some((f) => f.unit !== input.unit)) throw domainErrors.unknownEvidence();
    const at = now().toISOString();
    const row: AppealsTable = {
      id: newId('ap'),
      unit: input.unit,
      kind: input.kind,
      period: input.period,
      target: targetId(input.target),
      text: input.text,
      status: 'submitted',
      reference: null,
      decision: null,
      created_by: actor,
      created_at: at,
      updated_at: at,
      target_json: JSON.stringify(input.target),
      questions: input.kind === 'tolerance' ? JSON.stringify(input.questions) : null,
      evidence: JSON.stringify([...new Set(input.evidence)]),
      proposed_value: input.proposedValue === undefined ? null : JSON.stringify(input.proposedValue),
      event_seq: null,
      history: JSON.stringify([{ at, actor, status: 'submitted', note: null }] satisfies AppealHistoryEntry[]),
      pending: null,
    };
    const appeal = await one(row);
    await storage.tx(async (trx) => {
      await trx.insertInto('appeals').values(row).execute();
      await writeAudit(trx, { at, actor, action: 'appeal:filed', target: `appeal:${row.id} unit:${row.unit}`, before: null, after: appeal });
    });
    notify(row.id, row.unit);
    return appeal;
  }

  /** The event that carries a decision into the standings, if it has one. */
  function decisionEvent(cur: Appeal, next: Decision): EventBody | null {
    const t = cur.target;
    if (cur.kind === 'tolerance' && (next.status === 'accepted' || next.status === 'partial' || next.status === 'clarified')) {
      if (!t || !('adjustment' in t || 'veto' in t)) throw domainErrors.badTarget('该申请没有可免除的扣分或否决记录。', 'This application names no deduction or veto to waive.');
      return {
        type: 'waiver:decided',
        data: {
          target: 'adjustment' in t ? t.adjustment : t.veto,
          decision: next.status,
          ...(next.status === 'partial' ? { points: next.points } : {}),
          reference: next.reference ?? '',
          reasoning: next.decision!,
        },
      } as EventBody;
    }
    if (cur.kind === 'objection' && next.status === 'accepted') {
      if (!t || !('indicator' in t)) throw domainErrors.badTarget('该异议没有指明指标。', 'This objection names no indicator.');
      if (next.value === undefined) throw errors.badRequest('采纳数据异议须填写更正后的数值（value）。', 'Accepting an objection needs the corrected value.');
      return {
        type: 'value:corrected',
        data: { period: cur.period, unit: cur.unit, indicator: t.indicator, value: next.value, reason: next.decision!, source: `appeal:${cur.id}` },
      };
    }
    return null;
  }

  function validate(cur: Appeal, next: Decision): void {
    if (!NEXT[cur.status].includes(next.status)) throw domainErrors.badTransition(cur.status, next.status);
    if ((next.status === 'partial' || next.status === 'clarified') && cur.kind !== 'tolerance') {
      throw errors.badRequest('部分采纳和澄清正名只适用于容错申请。', 'Partial acceptance and clarification apply to 容错 applications only.');
    }
    if (next.status === 'partial' && next.points === undefined) throw errors.badRequest('部分采纳须填写免除分值（points）。', 'A partial acceptance needs the points waived.');
    if (FINAL.has(next.status) && (!next.reference || !next.decision)) throw domainErrors.needsReference();
  }

  async function decide(id: string, next: Decision, actor: string): Promise<Appeal> {
    const row = await storage.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    if (row.pending !== null) {
      // parked by an earlier version that stopped before finishing it
      await reconcile(row);
      return decide(id, next, actor);
    }
    const cur = await one(row);
    validate(cur, next);
    const body = decisionEvent(cur, next);
    const at = now().toISOString();
    const change = { status: next.status, reference: next.reference ?? null, decision: next.decision ?? null, actor, at };
    if (!body) return finalise(id, change, null, cur.status);
    const key = `appeal:${id}:decision`;
    const done: { appeal?: Appeal } = {};
    await race.submit(actor, [{ key, body }], next.decision, async (trx, events) => {
      // committed with the event; refused (and the event with it) if the case moved meanwhile
      done.appeal = await finaliseIn(trx, id, change, events[0]!.seq, cur.status);
    });
    // A retry of a decision already taken (same key and payload) appends nothing: read it back.
    if (!done.appeal) {
      const taken = await get(id);
      if (!taken) throw errors.notFound();
      return taken;
    }
    notify(id, cur.unit);
    return done.appeal;
  }

  type Change = { status: AppealStatus; reference: string | null; decision: string | null; actor: string; at: string };

  /** Writes the decision in its own transaction (no event, or a parked one being recovered). */
  async function finalise(id: string, change: Change, seq: number | null, from?: AppealStatus): Promise<Appeal> {
    const after = await storage.tx((trx) => finaliseIn(trx, id, change, seq, from));
    notify(after.id, after.unit);
    return after;
  }

  /**
   * Writes the decision, its history step and audit row in transaction `trx`. With `from`, only if
   * the row is still in that status and nothing is parked on it (else decision_pending).
   */
  async function finaliseIn(trx: Db, id: string, change: Change, seq: number | null, from?: AppealStatus): Promise<Appeal> {
    const cur = await trx.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw errors.notFound();
    const history = [...historyOf(cur), { at: change.at, actor: change.actor, status: change.status, note: change.decision }];
    const row: AppealsTable = {
      ...cur,
      status: change.status,
      reference: change.reference ?? cur.reference,
      decision: change.decision ?? cur.decision,
      event_seq: seq ?? cur.event_seq,
      history: JSON.stringify(history),
      pending: null,
      updated_at: change.at,
    };
    const q = trx.updateTable('appeals').set(row).where('id', '=', id);
    // A concurrent decision must not be overwritten.
    const res = await (from === undefined ? q : q.where('status', '=', from).where('pending', 'is', null)).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw domainErrors.decisionPending();
    const [before, after] = await toAppeals([cur, row], trx);
    await writeAudit(trx, { at: change.at, actor: change.actor, action: 'appeal:updated', target: `appeal:${id} unit:${cur.unit}`, before, after, reason: change.decision });
    return after!;
  }

  /** A parked decision whose submitter is gone: finalise it when its event exists, else drop it. */
  async function reconcile(row: AppealsTable): Promise<void> {
    const p = parse<Change & { key: string }>(row.pending, null as never);
    const rec = (await findKeys(storage.db, [p.key])).get(p.key);
    if (rec) await finalise(row.id, p, rec.seq);
    else await storage.db.updateTable('appeals').set({ pending: null }).where('id', '=', row.id).execute();
  }

  /** Run once on start, before any request. */
  async function recover(): Promise<number> {
    const rows = await storage.db.selectFrom('appeals').selectAll().where('pending', 'is not', null).execute();
    for (const r of rows) await reconcile(r);
    return rows.length;
  }

  async function list(filter: { unit?: string; status?: AppealStatus; kind?: AppealKind }): Promise<Appeal[]> {
    let q = storage.db.selectFrom('appeals').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(1000);
    if (filter.unit !== undefined) q = q.where('unit', '=', filter.unit);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    return toAppeals(await q.execute());
  }

  async function get(id: string): Promise<Appeal | null> {
    const r = await storage.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? one(r) : null;
  }

  return { file, decide, list, get, recover };
}

export type AppealService = ReturnType<typeof createAppealService>;
