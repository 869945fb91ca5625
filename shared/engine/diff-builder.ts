/** Collects field changes while events are applied, then emits one compact StandingsDiff. */
import type { Board, BoardPatch, CadreBoard, CadrePatch, Row, Standings, StandingsDiff } from '../standings.ts';
import type { RankedBoard } from './ranked-board.ts';

/** Bits naming the fields of a row patch (never rank or change: they follow from the scores). */
export const F = {
  score: 1,
  prevRank: 4,
  grade: 16,
  flag: 32,
  light: 64,
  list: 128,
  warning: 256,
  vetoed: 512,
  hasData: 1024,
} as const;

/**
 * Boards note which fields of which entries changed (a bit mask per entry, kept on the board); the
 * diff is written once at the end with each noted field's final value. Cadre patches carry scores
 * only, given once per cadre, appended to the board's two arrays.
 */
export class DiffBuilder {
  private readonly boards: RankedBoard[] = [];
  private readonly cadreRows = new Map<string, { ids: string[]; scores: number[] }>();

  /** Records that fields `bits` of entry i of board b changed. */
  note(b: RankedBoard, i: number, bits: number): void {
    const had = b.pending[i]!;
    if (had === 0) {
      if (b.pendingList.length === 0) this.boards.push(b);
      b.pendingList.push(i);
    }
    b.pending[i] = had | bits;
  }

  /** A cadre's new score (each cadre at most once per diff). */
  cadre(board: string, id: string, score: number): void {
    let rows = this.cadreRows.get(board);
    if (!rows) this.cadreRows.set(board, (rows = { ids: [], scores: [] }));
    rows.ids.push(id);
    rows.scores.push(score);
  }

  build(from: number, to: number): StandingsDiff {
    const d: StandingsDiff = { from, to };
    for (const b of this.boards) {
      const rows = dictionary<Partial<Row>>();
      for (const i of b.pendingList) {
        rows[b.ids[i]!] = b.patch(i, b.pending[i]!);
        b.pending[i] = 0;
      }
      b.pendingList.length = 0;
      (d.boards ??= {})[b.key] = { rows };
    }
    this.boards.length = 0;
    for (const [key, rows] of this.cadreRows) (d.cadres ??= {})[key] = rows;
    return d;
  }
}

/**
 * An empty plain object in dictionary mode. Keyed by unit or cadre ids, a small `{}` would get a
 * new hidden class (V8) for each id it is first given, and those pile up across diffs.
 */
function dictionary<T>(): Record<string, T> {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o as Record<string, T>;
}

/** The diff that turns standings `a` into standings `b` (used after full rebuilds). */
export function diffStandings(a: Standings, b: Standings): StandingsDiff {
  const d: StandingsDiff = { from: a.version, to: b.version };
  const boards = diffBoards(a.boards, b.boards);
  if (boards.added) d.added = boards.added;
  if (boards.dropped) d.dropped = boards.dropped;
  if (boards.patches) d.boards = boards.patches;
  const cadres = diffCadreBoards(a.cadres, b.cadres);
  if (cadres.added) d.cadresAdded = cadres.added;
  if (cadres.dropped) d.cadresDropped = cadres.dropped;
  if (cadres.patches) d.cadres = cadres.patches;
  return d;
}

/** Boards only in `a` (dropped) and only in `b` (added), and the pairs in both. */
function pairBoards<B>(a: Record<string, B>, b: Record<string, B>) {
  let added: Record<string, B> | undefined;
  let dropped: string[] | undefined;
  const both: Array<[string, B, B]> = [];
  for (const k of Object.keys(a)) if (!(k in b)) (dropped ??= []).push(k);
  for (const [k, nb] of Object.entries(b)) {
    const ob = a[k];
    if (ob) both.push([k, ob, nb]);
    else (added ??= {})[k] = nb;
  }
  return { added, dropped, both };
}

/** Cadre boards: the scores that differ (ranks follow from scores on the receiving side). */
function diffCadreBoards(a: Record<string, CadreBoard>, b: Record<string, CadreBoard>) {
  const { added, dropped, both } = pairBoards(a, b);
  let patches: Record<string, CadrePatch> | undefined;
  for (const [k, ob, nb] of both) {
    const p: CadrePatch = {};
    for (const id of Object.keys(ob.rows)) if (!(id in nb.rows)) (p.removed ??= []).push(id);
    for (const [id, nr] of Object.entries(nb.rows)) {
      if (ob.rows[id]?.score === nr.score) continue;
      (p.ids ??= []).push(id);
      (p.scores ??= []).push(nr.score);
    }
    if (p.ids || p.removed) (patches ??= {})[k] = p;
  }
  return { added, dropped, patches };
}

function diffBoards(a: Record<string, Board>, b: Record<string, Board>) {
  const { added, dropped, both } = pairBoards(a, b);
  let patches: Record<string, BoardPatch> | undefined;
  for (const [k, ob, nb] of both) {
    const rows: Record<string, Partial<Row>> = {};
    const removed: string[] = [];
    let any = false;
    for (const id of Object.keys(ob.rows)) if (!(id in nb.rows)) removed.push(id);
    for (const [id, nr] of Object.entries(nb.rows) as unknown as Array<[string, Record<string, unknown>]>) {
      const or = ob.rows[id] as Record<string, unknown> | undefined;
      const part: Record<string, unknown> = {};
      let changed = false;
      for (const f of Object.keys(nr)) {
        if (f === 'rank' || f === 'change') continue; // they follow from scores and prevRank
        if (!or || or[f] !== nr[f]) {
          part[f] = nr[f];
          changed = true;
        }
      }
      if (changed) {
        rows[id] = part as Partial<Row>;
        any = true;
      }
    }
    if (any || removed.length) {
      const p: BoardPatch = {};
      if (any) p.rows = rows;
      if (removed.length) p.removed = removed;
      (patches ??= {})[k] = p;
    }
  }
  return { added, dropped, patches };
}
