/** The complete standings of an engine's state (a fresh copy). */
import type { CadreBoard, Standings } from '../standings.ts';
import { cadreBoardKey, rankCadreBoards } from '../standings.ts';
import type { EngineState } from './engine-state.ts';
import type { RankedBoard } from './ranked-board.ts';

export function standingsOf(e: EngineState): Standings {
  const boards: Standings['boards'] = {};
  const emit = (b: RankedBoard | null | undefined) => {
    if (!b) return;
    const rows: Standings['boards'][string]['rows'] = {};
    for (let i = 0; i < b.n; i++) rows[b.ids[i]!] = b.row(i);
    const ref = refOf(b.key);
    boards[b.key] = { ref, rows };
  };
  for (const row of e.tracks) for (const ts of row) emit(ts?.board);
  for (const row of e.overall) for (const b of row) emit(b);
  for (const b of e.season) emit(b);
  for (const b of e.seasonAll) emit(b);
  const c = e.c;
  const cadres: Record<string, CadreBoard> = {};
  c.periodIds.forEach((period, p) => {
    const has = e.cadres.has[p]!;
    for (let ci = 0; ci < has.length; ci++) {
      if (!has[ci]) continue;
      const cadreGroup = c.cadreGroupIds[c.cadreGroupOf[ci]!]!;
      const b = (cadres[cadreBoardKey(period, cadreGroup)] ??= { period, periodIndex: p, cadreGroup, rows: {} });
      b.rows[c.cadreIds[ci]!] = { score: e.cadres.score[p]![ci]! / 10_000, rank: 0, prevRank: null, change: null };
    }
  });
  rankCadreBoards(cadres);
  return { version: e.version, boards, cadres };
}

function refOf(key: string) {
  const [kind, p, t, g] = key.split('|') as [Standings['boards'][string]['ref']['kind'], string, string, string];
  return { kind, period: p === '*' ? null : p, track: t === '*' ? null : t, group: g };
}
