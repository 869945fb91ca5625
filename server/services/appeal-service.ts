/**
 * Appeals of units (SPEC §6): data objections (数据异议) and 容错 applications, reviewed by the
 * organization department: submitted → under_review → accepted | rejected, with a decision
 * reference. A decision that changes scores is recorded separately as an event (POST /api/waivers
 * or a value correction), so the log stays the only source of standings.
 */
import type { Storage } from '../storage/storage.ts';
import type { AppealsTable } from '../storage/schema.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { newId } from '../auth/secrets.ts';
import { AppError, errors } from '../http/errors.ts';

export type AppealStatus = 'submitted' | 'under_review' | 'accepted' | 'rejected';
export interface Appeal {
  id: string;
  unit: string;
  kind: 'objection' | 'tolerance';
  period: string;
  target: string | null;
  text: string;
  status: AppealStatus;
  reference: string | null;
  decision: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const toAppeal = (r: AppealsTable): Appeal => ({
  id: r.id,
  unit: r.unit,
  kind: r.kind as Appeal['kind'],
  period: r.period,
  target: r.target,
  text: r.text,
  status: r.status as AppealStatus,
  reference: r.reference,
  decision: r.decision,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const NEXT: Record<AppealStatus, AppealStatus[]> = {
  submitted: ['under_review', 'accepted', 'rejected'],
  under_review: ['accepted', 'rejected'],
  accepted: [],
  rejected: [],
};

export function createAppealService(storage: Storage, now: () => Date, notify: (id: string, unit: string) => void) {
  async function file(input: { unit: string; kind: Appeal['kind']; period: string; target?: string | null; text: string }, actor: string): Promise<Appeal> {
    const at = now().toISOString();
    const row: AppealsTable = {
      id: newId('ap'),
      unit: input.unit,
      kind: input.kind,
      period: input.period,
      target: input.target ?? null,
      text: input.text,
      status: 'submitted',
      reference: null,
      decision: null,
      created_by: actor,
      created_at: at,
      updated_at: at,
    };
    await storage.tx(async (trx) => {
      await trx.insertInto('appeals').values(row).execute();
      await writeAudit(trx, { at, actor, action: 'appeal:filed', target: `appeal:${row.id} unit:${row.unit}`, before: null, after: toAppeal(row) });
    });
    notify(row.id, row.unit);
    return toAppeal(row);
  }

  async function decide(id: string, next: { status: AppealStatus; reference?: string; decision?: string }, actor: string): Promise<Appeal> {
    const at = now().toISOString();
    const after = await storage.tx(async (trx) => {
      const cur = await trx.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
      if (!cur) throw errors.notFound();
      if (!NEXT[cur.status as AppealStatus].includes(next.status)) {
        throw new AppError(409, 'bad_transition', { zh: `申诉状态不能从「${cur.status}」改为「${next.status}」。`, en: `An appeal cannot go from ${cur.status} to ${next.status}.` });
      }
      const row = { ...cur, status: next.status, reference: next.reference ?? cur.reference, decision: next.decision ?? cur.decision, updated_at: at };
      await trx.updateTable('appeals').set(row).where('id', '=', id).execute();
      await writeAudit(trx, { at, actor, action: 'appeal:updated', target: `appeal:${id} unit:${cur.unit}`, before: toAppeal(cur), after: toAppeal(row), reason: next.decision ?? null });
      return toAppeal(row);
    });
    notify(after.id, after.unit);
    return after;
  }

  async function list(filter: { unit?: string; status?: AppealStatus }): Promise<Appeal[]> {
    let q = storage.db.selectFrom('appeals').selectAll().orderBy('created_at', 'desc').limit(1000);
    if (filter.unit !== undefined) q = q.where('unit', '=', filter.unit);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    return (await q.execute()).map(toAppeal);
  }

  return { file, decide, list };
}

export type AppealService = ReturnType<typeof createAppealService>;
