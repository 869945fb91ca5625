/**
 * Which scheme scores which period. A scheme change takes effect from a period (`effectiveFrom`;
 * absent: from the first, as before the option existed): the periods before it keep the scheme
 * that was in force for them. Both engines read the same rule from here:
 *
 * - the periods are those of the current (latest) scheme;
 * - a period is scored with the latest scheme whose period list holds it at or after that
 *   scheme's `effectiveFrom` (the oldest scheme kept counts from its first period); a period
 *   before every `effectiveFrom` stays with the first scheme that had it;
 * - a scheme that no longer scores any period is retired at the change that left it so;
 * - season totals (no period) follow the current scheme;
 * - cadre boards are ranked together once composed (rank change against the period before, as shown).
 */
import type { LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import { parseBoardKey, rankCadreBoards, type CadreBoard } from '../standings.ts';

export interface SchemeEra {
  scheme: Scheme;
  /** First period the scheme scores (null: from the first). */
  effectiveFrom: string | null;
}

/** The scheme of a `scheme:changed` event as an era. */
export function eraOf(e: Extract<LogEvent, { type: 'scheme:changed' }>): SchemeEra {
  return { scheme: e.data.scheme, effectiveFrom: e.data.effectiveFrom ?? null };
}

/** True when `era` scores `period` (holds it at or after its effectiveFrom). */
export function covers(era: SchemeEra, period: string): boolean {
  const ids = era.scheme.season.periods.map((p) => p.id);
  const at = ids.indexOf(period);
  if (at < 0) return false;
  const from = era.effectiveFrom === null ? 0 : ids.indexOf(era.effectiveFrom);
  return at >= Math.max(from, 0);
}

/** For each period of the current scheme, the index (into `eras`) of the era that scores it. */
export function periodOwners(eras: readonly SchemeEra[]): Map<string, number> {
  const out = new Map<string, number>();
  const last = eras.length - 1;
  if (last < 0) return out;
  for (const p of eras[last]!.scheme.season.periods) {
    let owner = -1;
    for (let i = last; i >= 0 && owner < 0; i--) if (covers(eras[i]!, p.id)) owner = i;
    // before every effectiveFrom: the first scheme that had the period keeps it
    for (let i = 0; i <= last && owner < 0; i++) if (eras[i]!.scheme.season.periods.some((q) => q.id === p.id)) owner = i;
    out.set(p.id, owner);
  }
  return out;
}

/** The era whose board this is (`track|P|…`, `overall|P|…`, `cadre|P|G`); null: none (a removed period). */
export function ownerOfKey(owners: Map<string, number>, current: number, key: string): number | null {
  if (key.startsWith('cadre|')) return owners.get(key.split('|')[1]!) ?? null;
  const ref = parseBoardKey(key);
  if (!ref || ref.period === null) return current;
  return owners.get(ref.period) ?? null;
}

/**
 * The eras still scoring some period (and the current one), with the owners map. Both engines
 * call this after every scheme change: a scheme that scores no period is retired, and the oldest
 * one left scores every period no later one covers (its effectiveFrom is cleared, in place), so
 * one era left means one scheme for every period, as in a log without the option.
 */
export function liveEras<T extends SchemeEra>(eras: T[]): { eras: T[]; owners: Map<string, number> } {
  if (eras[0]) eras[0].effectiveFrom = null;
  const owners = periodOwners(eras);
  const used = new Set(owners.values());
  used.add(eras.length - 1);
  const kept = eras.filter((_, i) => used.has(i));
  if (kept[0]) kept[0].effectiveFrom = null;
  return { eras: kept, owners: periodOwners(kept) };
}

/**
 * Cadre boards taken from several eras, as one set: each numbered by the current scheme's period
 * order and ranked together, so rank changes compare with the previous period as shown (what
 * `applyDiff` does with them too).
 */
export function composeCadres(cadres: Record<string, CadreBoard>, owners: Map<string, number>): void {
  const order = [...owners.keys()];
  for (const b of Object.values(cadres)) b.periodIndex = order.indexOf(b.period);
  rankCadreBoards(cadres);
}
