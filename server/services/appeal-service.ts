/**
 * Appeals of units (SPEC §6): data objections (数据异议) on an indicator value and 容错
 * applications on a deduction or veto, with the "三个区分开来" questions and evidence files,
 * reviewed by the organization department: submitted → under_review → accepted | partial |
 * rejected | clarified (澄清正名), each step in the appeal's history.
 *
 * A decision that changes scores is an event in the log (`waiver:decided`, `value:corrected`),
 * so the log stays the only source of standings. The event and the appeal's new status must land
 * together: the decision is first parked on the row (`pending`), the event is submitted with the
 * idempotency key `appeal:<id>:decision`, and the row is then finalised. If the engine refuses the
 * event, the parked decision is dropped and nothing has changed; if the process stops in between,
 * `recover()` on the next start finalises the row exactly when the keyed event exists.
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

export const APPEAL_STATUSES = ['submitted', 'under_review', 'accepted', 'partial', 'rejected', 'clarified'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export type AppealKind = 'objection' | 'tolerance';
export type AppealTarget = { indicator: string } | { adjustment: string } | { veto: string } | { legacy: string };
export interface ToleranceQuestions {
  /** 探索性试验中的失误（无先例可循）? */
  exploratory: boolean;
  /** 上级尚无明确限制? */
  notProhibited: boolean;
  /** 为推动发展的无意过失，而非谋取私利? */
  publicInterest: boolean;
  notes?: string;
}
export interface HistoryEntry {
  at: string;
  actor: string;
  status: AppealStatus;
  note: string | null;
}
export interface Appeal {
  id: string;
  unit: string;
  kind: AppealKind;
  period: string;
  target: AppealTarget | null;
  text: string;
  questions: ToleranceQuestions | null;
  evidence: Array<{ id: string; name: string; size: number; type: string }>;
  proposedValue: number | string | null;
  status: AppealStatus;
  reference: string | null;
  decision: string | null;
  eventSeq: number | null;
  history: HistoryEntry[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

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

function historyOf(r: AppealsTable): HistoryEntry[] {
  if (r.history !== null) return parse<HistoryEntry[]>(r.history, []);
  // Rows filed before issue 5 kept no history: rebuild what is known.
  const h: HistoryEntry[] = [{ at: r.created_at, actor: r.created_by, status: 'submitted', note: null }];
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
  /** Appeals whose decision event is being submitted by this process right now. */
  const inflight = new Set<string>();

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
      history: JSON.stringify([{ at, actor, status: 'submitted', note: null }] satisfies HistoryEntry[]),
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
      if (inflight.has(id)) throw domainErrors.decisionPending();
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
    const parked = await storage.db
      .updateTable('appeals')
      .set({ pending: JSON.stringify({ ...change, key }) })
      .where('id', '=', id)
      .where('pending', 'is', null)
      .where('status', '=', cur.status)
      .executeTakeFirst();
    if (Number(parked.numUpdatedRows) !== 1) throw domainErrors.decisionPending();
    inflight.add(id);
    let seq: number;
    try {
      const r = await race.submit(actor, [{ key, body }], next.decision);
      seq = r.items[0]!.seq;
    } catch (e) {
      // Refused (or failed before commit): drop the parked decision. Should the event have been
      // committed after all, finish the decision instead.
      const rec = (await findKeys(storage.db, [key])).get(key);
      if (rec) return finalise(id, change, rec.seq);
      await storage.db.updateTable('appeals').set({ pending: null }).where('id', '=', id).execute();
      throw e;
    } finally {
      inflight.delete(id);
    }
    return finalise(id, change, seq);
  }

  type Change = { status: AppealStatus; reference: string | null; decision: string | null; actor: string; at: string };

  /** Writes the decision; without an event only if the row is still in `from` and nothing is parked. */
  async function finalise(id: string, change: Change, seq: number | null, from?: AppealStatus): Promise<Appeal> {
    const after = await storage.tx(async (trx) => {
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
      // Without an event, a concurrent decision must not be overwritten.
      const res = await (from === undefined ? q : q.where('status', '=', from).where('pending', 'is', null)).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw domainErrors.decisionPending();
      const [before, after] = await toAppeals([cur, row], trx);
      await writeAudit(trx, { at: change.at, actor: change.actor, action: 'appeal:updated', target: `appeal:${id} unit:${cur.unit}`, before, after, reason: change.decision });
      return after!;
    });
    notify(after.id, after.unit);
    return after;
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
