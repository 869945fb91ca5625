/** Bonuses, deductions and vetoes: the bodies that record them, and how recorded ones read back. */
import { newEventId, newKey } from './keys.ts';
import { evidenceType as sharedEvidenceType } from '../../../../lib/evidence-types.ts';

export type AdjustKind = 'bonus' | 'deduction' | 'veto';

export interface AdjustForm {
  kind: AdjustKind;
  unit: string;
  track: string;
  points: number | null;
  reason: string;
  evidence: string[];
}

export interface Waiver {
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified';
  points?: number;
  reference: string;
  reasoning: string;
}
export interface RecordedItem {
  id: string;
  kind: 'bonus' | 'deduction' | 'veto';
  period?: string;
  track: string | null;
  points: number | null;
  reason: string;
  evidence: string[];
  revoked: boolean;
  waiver: Waiver | null;
}

/** Evidence files are referred to by their id (`ev_` + 32 hex digits). */
export const isEvidenceId = (s: string): boolean => /^ev_[0-9a-f]{32}$/.test(s);

/** What is missing (message keys under adminOps). */
export function adjustProblems(f: AdjustForm): string[] {
  const out: string[] = [];
  if (!f.unit) out.push('common.unit');
  if (f.kind !== 'veto' && !f.track) out.push('common.track');
  if (f.kind !== 'veto' && !(typeof f.points === 'number' && f.points > 0)) out.push('adjust.points');
  if (!f.reason.trim()) out.push('common.reason');
  return out;
}

/** The route and body that record the form in `period`; `ids` keeps id and key across retries. */
export function adjustRequest(f: AdjustForm, period: string, ids: { id: string; key: string }): { path: string; body: Record<string, unknown> } {
  const common = { id: ids.id, key: ids.key, period, unit: f.unit, reason: f.reason.trim(), evidence: f.evidence };
  if (f.kind === 'veto') return { path: '/api/vetoes', body: f.track ? { ...common, track: f.track } : common };
  return { path: '/api/adjustments', body: { ...common, track: f.track, kind: f.kind, points: f.points } };
}

/** A fresh id and idempotency key for the next record. */
export function freshIds(kind: AdjustKind): { id: string; key: string } {
  return { id: newEventId(kind === 'veto' ? 'veto' : 'adj'), key: newKey(kind === 'veto' ? 'veto' : 'adj') };
}

interface WorkspaceLike {
  adjustments?: Array<{ id: string; kind: 'bonus' | 'deduction'; period?: string; track: string; points: number; reason: string; evidence?: string[]; revoked?: boolean; waiver?: Waiver | null }>;
  vetoes?: Array<{ id: string; period?: string; track: string | null; reason: string; evidence?: string[]; revoked?: boolean; waiver?: Waiver | null }>;
}

/** The unit's recorded items of one period from its workspace, vetoes first. */
export function recordedItems(ws: WorkspaceLike | null, period: string): RecordedItem[] {
  if (!ws) return [];
  const inPeriod = (p?: string) => p === undefined || p === period;
  const vetoes: RecordedItem[] = (ws.vetoes ?? []).filter((v) => inPeriod(v.period)).map((v) => ({ id: v.id, kind: 'veto', period: v.period, track: v.track ?? null, points: null, reason: v.reason, evidence: v.evidence ?? [], revoked: !!v.revoked, waiver: v.waiver ?? null }));
  const adjs: RecordedItem[] = (ws.adjustments ?? []).filter((a) => inPeriod(a.period)).map((a) => ({ id: a.id, kind: a.kind, period: a.period, track: a.track, points: a.points, reason: a.reason, evidence: a.evidence ?? [], revoked: !!a.revoked, waiver: a.waiver ?? null }));
  return [...vetoes, ...adjs];
}

export { EVIDENCE_ACCEPT } from '../../../../lib/evidence-types.ts';

/** The type to send for an evidence file (browsers often leave .docx/.xlsx untyped). */
export function evidenceType(name: string, declared: string): string {
  return sharedEvidenceType(name, declared) ?? (declared || 'application/octet-stream');
}
