/**
 * Ticker lines from row changes: rank climbs first, then falls, then arrivals, only for track
 * boards of the period on screen, a few per version so a busy feed stays readable. Each item
 * carries what changed (rank from → to, score from → to), so the line reads "↑2 · +1.50 分".
 */
import { boardKey, orderRows, parseBoardKey, type Standings } from '../../../shared/standings.ts';
import type { RowChange } from '../stores/row-changes.ts';

export interface TickerItem {
  id: number;
  kind: 'rose' | 'fell' | 'arrived';
  unit: string;
  track: string;
  group: string;
  rank: number;
  /** Rank before the change (null: first score). */
  fromRank: number | null;
  score: number;
  /** Score before the change (null: first score, or a move against the previous period). */
  fromScore: number | null;
  /** True for a move against the previous period (read from the standings at load). */
  sincePrev?: boolean;
  /** Browser time (ms). */
  at: number;
}

const ORDER = { rose: 0, arrived: 1, fell: 2 } as const;

/** Picks up to `max` ticker items from one version's changes. */
export function tickerItems(changes: RowChange[], period: string | null, at: number, nextId: () => number, max = 3): TickerItem[] {
  const picked: Array<Omit<TickerItem, 'id'>> = [];
  for (const c of changes) {
    const ref = parseBoardKey(c.board);
    if (!ref || ref.kind !== 'track' || !ref.track || (period && ref.period !== period)) continue;
    const base = { unit: c.unit, track: ref.track, group: ref.group, rank: c.toRank, fromRank: c.fromRank, score: c.toScore, fromScore: c.fromScore, at };
    if (c.fromRank !== null && c.toRank < c.fromRank) picked.push({ ...base, kind: 'rose' });
    else if (c.fromRank !== null && c.toRank > c.fromRank) picked.push({ ...base, kind: 'fell' });
    else if (c.fromScore !== c.toScore) picked.push({ ...base, kind: 'arrived' });
  }
  picked.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.rank - b.rank);
  return picked.slice(0, max).map((p) => ({ ...p, id: nextId() }));
}

/**
 * The latest moves on screen right after load: every row of the shown groups' track boards
 * whose rank moved against the previous period, biggest moves first.
 */
export function initialTicker(
  s: Standings | null,
  period: string | null,
  boards: Array<{ group: string; track: string }>,
  at: number,
  nextId: () => number,
  max = 8,
): TickerItem[] {
  if (!s || !period) return [];
  const picked: Array<Omit<TickerItem, 'id'>> = [];
  for (const { group, track } of boards) {
    const b = s.boards[boardKey({ kind: 'track', period, track, group })];
    if (!b) continue;
    for (const [unit, r] of orderRows(b.rows)) {
      if (!r.hasData || r.change === null || r.change === 0 || r.prevRank === null) continue;
      picked.push({ kind: r.change > 0 ? 'rose' : 'fell', unit, track, group, rank: r.rank, fromRank: r.prevRank, score: r.score, fromScore: null, sincePrev: true, at });
    }
  }
  const size = (i: Omit<TickerItem, 'id'>): number => Math.abs((i.fromRank ?? i.rank) - i.rank);
  picked.sort((a, b) => size(b) - size(a) || ORDER[a.kind] - ORDER[b.kind] || a.rank - b.rank);
  return picked.slice(0, max).map((p) => ({ ...p, id: nextId() }));
}

/** Adds items to the front of a bounded list (memory stays flat on a days-long run). */
export function pushTicker(list: TickerItem[], items: TickerItem[], cap = 20): TickerItem[] {
  return [...items, ...list].slice(0, cap);
}

export interface TickerWords {
  unit: string;
  track: string;
  /** "第{rank}" / "#{rank}" */
  rank: (n: number) => string;
  /** "{delta} 分" / "{delta} pts" */
  points: (delta: string) => string;
  /** "较上期" / "vs last period" */
  sincePrev: string;
  /** "首次得分" / "first score" */
  first: string;
}

/** Signed score change with two decimals: "+1.50", "−0.25" (a real minus sign). */
export function scoreDelta(from: number, to: number): string {
  const d = Math.round((to - from) * 100) / 100;
  if (d === 0) return '±0.00';
  return d > 0 ? `+${d.toFixed(2)}` : `−${(-d).toFixed(2)}`;
}

/** Rank move as an arrow: "↑2", "↓1" (empty when the rank did not move). */
export function rankMove(from: number | null, to: number): string {
  if (from === null || from === to) return '';
  return from > to ? `↑${from - to}` : `↓${to - from}`;
}

/**
 * The parts of one ticker line: ["县财政局 基层治理", "↑2 第3", "+1.50 分"] for a live change,
 * ["县财政局 基层治理", "较上期 ↑2", "第3"] for a move against the previous period.
 */
export function tickerParts(it: TickerItem, w: TickerWords): string[] {
  const parts = [`${w.unit} ${w.track}`];
  const move = rankMove(it.fromRank, it.rank);
  if (it.sincePrev) return [...parts, `${w.sincePrev} ${move}`.trim(), w.rank(it.rank)];
  parts.push(move ? `${move} ${w.rank(it.rank)}` : w.rank(it.rank));
  if (it.fromScore === null) parts.push(`${w.first} ${it.score.toFixed(2)}`);
  else parts.push(w.points(scoreDelta(it.fromScore, it.score)));
  return parts;
}
