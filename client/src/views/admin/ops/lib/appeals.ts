/** Review of appeals: the statuses an admin may move a case to, and the decision it sends. */

import { FINAL_STATUSES, targetFields, type Appeal, type AppealStatus } from '../../../../../../shared/appeals.ts';

export type { Appeal, AppealKind, AppealStatus } from '../../../../../../shared/appeals.ts';

/**
 * Where a case may go from its status: submitted → under review → a decision. An objection is
 * accepted (with the corrected value) or rejected; a 容错 case may also be partly accepted (a
 * deduction only: points) or clarified (澄清正名).
 */
export function nextStatuses(a: Pick<Appeal, 'status' | 'kind' | 'target'>): AppealStatus[] {
  if (a.status === 'submitted') return ['under_review'];
  if (a.status !== 'under_review') return [];
  if (a.kind === 'objection') return ['accepted', 'rejected'];
  const onVeto = targetFields(a.target).veto !== undefined;
  return onVeto ? ['accepted', 'rejected', 'clarified'] : ['accepted', 'partial', 'rejected', 'clarified'];
}

export interface DecisionForm {
  status: AppealStatus | '';
  reference: string;
  decision: string;
  points: number | null;
  value: string;
}

export function emptyDecision(): DecisionForm {
  return { status: '', reference: '', decision: '', points: null, value: '' };
}

/** What is missing before the decision can be sent (message keys under adminOps.review.need). */
export function decisionProblems(a: Pick<Appeal, 'status' | 'kind' | 'target'>, f: DecisionForm): string[] {
  const out: string[] = [];
  if (!f.status || !nextStatuses(a).includes(f.status)) return ['status'];
  if (FINAL_STATUSES.has(f.status)) {
    if (!f.reference.trim()) out.push('reference');
    if (!f.decision.trim()) out.push('decision');
  }
  if (f.status === 'partial' && !(typeof f.points === 'number' && f.points > 0)) out.push('points');
  if (f.status === 'accepted' && a.kind === 'objection' && f.value.trim() === '') out.push('value');
  return out;
}

/** The body of `PUT /api/appeals/:id`; the corrected value is a number when it reads as one. */
export function decisionBody(a: Pick<Appeal, 'kind'>, f: DecisionForm): Record<string, unknown> {
  const body: Record<string, unknown> = { status: f.status };
  if (f.reference.trim()) body.reference = f.reference.trim();
  if (f.decision.trim()) body.decision = f.decision.trim();
  if (f.status === 'partial' && f.points !== null) body.points = f.points;
  if (f.status === 'accepted' && a.kind === 'objection') {
    const v = f.value.normalize('NFKC').trim();
    const n = Number(v.replace(/,/g, ''));
    body.value = v !== '' && Number.isFinite(n) ? n : v;
  }
  return body;
}

/** The list query of the queue. */
export function appealsQuery(f: { status?: string; kind?: string; unit?: string }): string {
  const q = new URLSearchParams();
  for (const k of ['status', 'kind', 'unit'] as const) if (f[k]) q.set(k, f[k]!);
  const s = q.toString();
  return s ? `/api/appeals?${s}` : '/api/appeals';
}

/** Accepts `Appeal[]` or `{ items }`. */
export function appealList(body: unknown): Appeal[] {
  const list = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
  return Array.isArray(list) ? (list as Appeal[]) : [];
}
