/**
 * Ticker lines from row changes: rank climbs first, then falls, then arrivals, only for track
 * boards of the period on screen, a few per version so a busy feed stays readable.
 */
import { parseBoardKey } from '../../../shared/standings.ts';
import type { RowChange } from '../stores/row-changes.ts';

export interface TickerItem {
  id: number;
  kind: 'rose' | 'fell' | 'arrived';
  unit: string;
  track: string;
  group: string;
  rank: number;
  score: number;
  /** Browser time (ms). */
  at: number;
}

/** Picks up to `max` ticker items from one version's changes. */
export function tickerItems(changes: RowChange[], period: string | null, at: number, nextId: () => number, max = 3): TickerItem[] {
  const picked: Array<Omit<TickerItem, 'id'>> = [];
  for (const c of changes) {
    const ref = parseBoardKey(c.board);
    if (!ref || ref.kind !== 'track' || !ref.track || (period && ref.period !== period)) continue;
    const base = { unit: c.unit, track: ref.track, group: ref.group, rank: c.toRank, score: c.toScore, at };
    if (c.fromRank !== null && c.toRank < c.fromRank) picked.push({ ...base, kind: 'rose' });
    else if (c.fromRank !== null && c.toRank > c.fromRank) picked.push({ ...base, kind: 'fell' });
    else if (c.fromScore !== c.toScore) picked.push({ ...base, kind: 'arrived' });
  }
  const order = { rose: 0, arrived: 1, fell: 2 } as const;
  picked.sort((a, b) => order[a.kind] - order[b.kind] || a.rank - b.rank);
  return picked.slice(0, max).map((p) => ({ ...p, id: nextId() }));
}

/** Adds items to the front of a bounded list (memory stays flat on a days-long run). */
export function pushTicker(list: TickerItem[], items: TickerItem[], cap = 20): TickerItem[] {
  return [...items, ...list].slice(0, cap);
}
