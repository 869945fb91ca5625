/**
 * What a diff changes for people watching: score arrivals and rank moves on patched boards. A
 * patch carries scores, not ranks (`applyDiff` re-ranks the board), so the rows' ranks are read
 * before the diff is applied (`rowsBefore`) and after (`rowChanges`).
 */
import type { Standings, StandingsDiff } from '../../../shared/standings.ts';

export interface RowChange {
  board: string;
  unit: string;
  fromRank: number | null;
  toRank: number;
  fromScore: number | null;
  toScore: number;
}

/**
 * Rank and score, before the diff, of each row whose score or veto the diff sets (null: new row).
 * A dense patch sets every score of its board: its rows count only if the score changed (`dense`).
 */
export type RowsBefore = Map<string, Map<string, RowBefore>>;
type RowBefore = { rank: number; score: number; dense?: true } | null;

const moves = (part: { score?: number; vetoed?: boolean }) => part.score !== undefined || part.vetoed !== undefined;

export function rowsBefore(s: Standings, d: StandingsDiff): RowsBefore {
  const out: RowsBefore = new Map();
  for (const [key, patch] of Object.entries(d.boards ?? {})) {
    const rows = s.boards[key]?.rows;
    const m = new Map<string, RowBefore>();
    for (const [unit, part] of Object.entries(patch.rows ?? {})) {
      if (!moves(part)) continue;
      const old = rows?.[unit];
      m.set(unit, old ? { rank: old.rank, score: old.score } : null);
    }
    if (patch.scores && rows) for (const [unit, old] of Object.entries(rows)) if (!m.has(unit)) m.set(unit, { rank: old.rank, score: old.score, dense: true });
    if (m.size) out.set(key, m);
  }
  return out;
}

/** Rows whose score or veto the diff set, with rank and score before and after, in board order. */
export function rowChanges(before: RowsBefore, after: Standings): RowChange[] {
  const out: RowChange[] = [];
  for (const [board, m] of before) {
    const rows = after.boards[board]?.rows;
    if (!rows) continue;
    for (const [unit, old] of m) {
      const now = rows[unit];
      if (!now || (old?.dense && now.score === old.score)) continue;
      out.push({ board, unit, fromRank: old?.rank ?? null, toRank: now.rank, fromScore: old?.score ?? null, toScore: now.score });
    }
  }
  return out;
}
