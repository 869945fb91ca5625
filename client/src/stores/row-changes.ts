/**
 * What a diff changes for people watching: score arrivals and rank moves on patched boards.
 * Computed against the standings *before* the diff is applied.
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

/** Rows whose rank or score a diff changes, in board order. */
export function rowChanges(s: Standings, d: StandingsDiff): RowChange[] {
  const out: RowChange[] = [];
  for (const [key, patch] of Object.entries(d.boards ?? {})) {
    const rows = s.boards[key]?.rows;
    for (const [unit, part] of Object.entries(patch.rows ?? {})) {
      if (part.rank === undefined && part.score === undefined) continue;
      const old = rows?.[unit];
      const toRank = part.rank ?? old?.rank;
      const toScore = part.score ?? old?.score;
      if (toRank === undefined || toScore === undefined) continue;
      out.push({ board: key, unit, fromRank: old?.rank ?? null, toRank, fromScore: old?.score ?? null, toScore });
    }
  }
  return out;
}
