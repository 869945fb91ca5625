/**
 * A unit's bonuses, deductions and vetoes as the log records them: with revocations and the
 * latest waiver decision, including revoked ones (the engine's explanation leaves those out).
 */
import type { Storage } from '../storage/storage.ts';
import { eventsReferring, eventsWhere } from '../storage/event-queries.ts';

export interface WaiverInfo {
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified';
  points?: number;
  reference: string;
  reasoning: string;
  seq: number;
}
export interface AdjustmentInfo {
  id: string;
  seq: number;
  period: string;
  kind: 'bonus' | 'deduction';
  track: string;
  points: number;
  reason: string;
  evidence: string[];
  revoked: boolean;
  waiver: WaiverInfo | null;
}
export interface VetoInfo {
  id: string;
  seq: number;
  period: string;
  track: string | null;
  reason: string;
  evidence: string[];
  revoked: boolean;
  waiver: WaiverInfo | null;
}

/** Oldest first. */
export async function unitItems(storage: Storage, unit: string): Promise<{ adjustments: AdjustmentInfo[]; vetoes: VetoInfo[] }> {
  const recorded = await eventsWhere(storage.db, ['adjustment:recorded', 'veto:recorded'], 'unit', unit);
  const adjustments: AdjustmentInfo[] = [];
  const vetoes: VetoInfo[] = [];
  for (const e of recorded) {
    if (e.type === 'adjustment:recorded') {
      const d = e.data;
      adjustments.push({ id: d.id, seq: e.seq, period: d.period, kind: d.kind, track: d.track, points: d.points, reason: d.reason, evidence: d.evidence, revoked: false, waiver: null });
    } else if (e.type === 'veto:recorded') {
      const d = e.data;
      vetoes.push({ id: d.id, seq: e.seq, period: d.period, track: d.track ?? null, reason: d.reason, evidence: d.evidence, revoked: false, waiver: null });
    }
  }
  const byId = new Map<string, AdjustmentInfo | VetoInfo>([...adjustments, ...vetoes].map((x) => [x.id, x]));
  const later = await eventsReferring(storage.db, ['adjustment:revoked', 'veto:revoked', 'waiver:decided'], [...byId.keys()]);
  for (const e of later) {
    if (e.type === 'waiver:decided') {
      const x = byId.get(e.data.target);
      if (x) x.waiver = { decision: e.data.decision, ...(e.data.points === undefined ? {} : { points: e.data.points }), reference: e.data.reference, reasoning: e.data.reasoning, seq: e.seq };
    } else if (e.type === 'adjustment:revoked' || e.type === 'veto:revoked') {
      const x = byId.get(e.data.id);
      if (x) x.revoked = true;
    }
  }
  return { adjustments, vetoes };
}
