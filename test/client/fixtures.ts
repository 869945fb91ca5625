/** Small standings fixtures for client tests. */
import type { Board, Row, Standings, StandingsDiff } from '../../shared/standings.ts';

export function row(rank: number, score: number, extra: Partial<Row> = {}): Row {
  return { score, rank, prevRank: null, change: null, grade: null, flag: null, light: null, list: null, warning: false, vetoed: false, hasData: true, ...extra };
}

export const KEY = 'track|m01|proj|towns';

export function board(rows: Record<string, Row>, key = KEY): Board {
  const [kind, period, track, group] = key.split('|') as [Board['ref']['kind'], string, string, string];
  return { ref: { kind, period: period === '*' ? null : period, track: track === '*' ? null : track, group }, rows };
}

export function standingsAt(version: number, rows: Record<string, Row> = { a: row(1, 90), b: row(2, 80) }): Standings {
  return { version, boards: { [KEY]: board(rows) }, cadres: {} };
}

/** A diff moving unit `unit` to `score`/`rank` on the fixture board. */
export function scoreDiff(from: number, unit: string, score: number, rank?: number): StandingsDiff {
  const part: Partial<Row> = { score };
  if (rank !== undefined) part.rank = rank;
  return { from, to: from + 1, boards: { [KEY]: { rows: { [unit]: part } } } };
}
