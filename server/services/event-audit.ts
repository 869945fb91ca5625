/**
 * The audit rows of committed events: what each is about (unit, period, indicator, the item it
 * refers to), the state before and after (a value's old → new; a deduction before its waiver or
 * revocation) and the reason.
 */
import type { LogEvent } from '../../shared/events.ts';
import type { Engine } from '../../shared/engine/types.ts';
import type { AuditEntry } from '../storage/audit-repo.ts';
import { eventsReferring } from '../storage/event-queries.ts';
import type { Db } from '../storage/storage.ts';

type Item = Record<string, unknown> & { unit?: string; period?: string; track?: string };

const words = (d: Record<string, unknown>, keys: string[]) =>
  keys.filter((k) => typeof d[k] === 'string').map((k) => `${k}:${String(d[k])}`);

/** The deductions, bonuses and vetoes the events refer to (recorded earlier or in the same transaction). */
async function referredItems(db: Db, events: LogEvent[]): Promise<Map<string, Item>> {
  const ids = events.flatMap((e) => (e.type === 'adjustment:revoked' || e.type === 'veto:revoked' ? [e.data.id] : e.type === 'waiver:decided' ? [e.data.target] : []));
  const out = new Map<string, Item>();
  if (!ids.length) return out;
  for (const e of await eventsReferring(db, ['adjustment:recorded', 'veto:recorded'], ids)) {
    if (e.type === 'adjustment:recorded' || e.type === 'veto:recorded') out.set(e.data.id, { ...e.data });
  }
  return out;
}

/**
 * One audit entry per event, in order. `engine` holds the state before the events (their old
 * values); `reason` is the submission's, used where an event carries none of its own.
 */
export async function eventAudit(db: Db, list: Array<{ event: LogEvent; reason?: string }>, engine: Engine | null, schemeVersion: number): Promise<AuditEntry[]> {
  const items = await referredItems(db, list.map((x) => x.event));
  const cells = new Map<string, number | string | null>();
  return list.map(({ event: e, reason }) => {
    const d = e.data as Record<string, unknown>;
    const own = typeof d.reason === 'string' ? d.reason : typeof d.reasoning === 'string' ? d.reasoning : undefined;
    const base = { at: e.at, actor: e.actor, action: e.type, reason: own ?? reason ?? null };
    const seq = `seq:${e.seq}`;
    switch (e.type) {
      case 'scheme:changed':
        return { ...base, target: `scheme@${e.seq}`, before: { version: schemeVersion }, after: { version: e.seq, name: e.data.scheme.name, effectiveFrom: e.data.effectiveFrom ?? null, rescored: e.data.rescore?.periods ?? [] } };
      case 'value:recorded':
      case 'value:corrected': {
        const { period, unit, indicator } = e.data;
        const key = `${period}|${unit}|${indicator}`;
        const old = cells.has(key) ? cells.get(key)! : (engine?.reportedValue(period, unit, indicator) ?? null);
        cells.set(key, e.data.value);
        const before = old === null ? null : { period, unit, indicator, value: old };
        return { ...base, target: [seq, ...words(d, ['unit', 'period', 'indicator'])].join(' '), before, after: d };
      }
      case 'adjustment:revoked':
      case 'veto:revoked': {
        const item = items.get(e.data.id) ?? null;
        const about = item ? words(item, ['unit', 'period', 'track']) : [];
        return { ...base, target: [seq, `id:${e.data.id}`, ...about].join(' '), before: item, after: item ? { ...item, revoked: true } : d };
      }
      case 'waiver:decided': {
        const item = items.get(e.data.target) ?? null;
        const about = item ? words(item, ['unit', 'period', 'track']) : [];
        const waived = e.data.decision === 'partial' ? e.data.points : e.data.decision === 'rejected' ? 0 : item?.points;
        const after = { ...(item ?? {}), decision: e.data.decision, ...(waived === undefined ? {} : { waivedPoints: waived }), reference: e.data.reference };
        return { ...base, target: [seq, `target:${e.data.target}`, ...about].join(' '), before: item, after };
      }
      case 'period:published':
        return { ...base, reason: own ?? (e.data.note || reason) ?? null, target: `${seq} period:${e.data.period}`, before: null, after: d };
      default:
        return { ...base, target: [seq, ...words(d, ['unit', 'cadre', 'period', 'track', 'indicator', 'id', 'target'])].join(' '), before: null, after: d };
    }
  });
}
