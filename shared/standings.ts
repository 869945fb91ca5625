/**
 * Standings: what the engine produces and clients display, plus the compact diff between two
 * versions. Boards are keyed by string so a server can route each board's diff to its room.
 */

export type Flag = 'red' | 'yellow';
export type Light = 'green' | 'yellow' | 'red';
export type ListMark = 'red' | 'black';

/** One unit on one board. Scores are rounded to 4 decimals (the engine computes in 1e-4 units). */
export interface Row {
  score: number;
  /** Competition rank (1,2,2,4); vetoed units rank after every non-vetoed unit. */
  rank: number;
  /** Rank on the same board in the previous period (null: not ranked then, or a season board). */
  prevRank: number | null;
  /** 进位: prevRank − rank (positive = climbed). */
  change: number | null;
  grade: string | null;
  flag: Flag | null;
  light: Light | null;
  /** 红榜 / 黑榜 membership. */
  list: ListMark | null;
  /** 约谈: last `warningAfter` periods in a row. */
  warning: boolean;
  vetoed: boolean;
  /** False when the unit has no value at all on this board (shown as 未报送). */
  hasData: boolean;
}

export interface CadreRow {
  score: number;
  rank: number;
  prevRank: number | null;
  change: number | null;
}

export type BoardKind = 'track' | 'overall' | 'season' | 'season-overall';

/** What a board key names. `period`/`track` are null where the board spans them. */
export interface BoardRef {
  kind: BoardKind;
  period: string | null;
  track: string | null;
  group: string;
}

export interface Board {
  ref: BoardRef;
  rows: Record<string, Row>;
}

export interface CadreBoard {
  period: string;
  /** Position of the period in the season (orders a cadre group's boards). */
  periodIndex: number;
  cadreGroup: string;
  rows: Record<string, CadreRow>;
}

export interface Standings {
  version: number;
  boards: Record<string, Board>;
  cadres: Record<string, CadreBoard>;
}

/**
 * Changes to one board: changed fields per row, rows that left. A patch never carries `rank` or
 * `change`: they follow from scores, vetoes and `prevRank`, and `applyDiff` re-ranks every patched
 * board (`rankBoard`), as it does for cadre boards.
 */
export interface BoardPatch {
  rows?: Record<string, Partial<Row>>;
  removed?: string[];
  /**
   * Dense scores (live patches only): the score of every row of the board once `removed` and
   * `rows` are applied, in row-id order (`compareIds`). A renormalised indicator moves every score
   * of a group's boards; `"U0123":{"score":71.5116}` per row is three times the bytes of the
   * score alone. `rows` then carries only the other fields. See `densify`.
   */
  scores?: number[];
}
/**
 * Cadre patches carry scores only, as two parallel arrays: `scores[k]` is the new score of cadre
 * `ids[k]` (a cadre added to the board gets its row from it). Ranks follow from scores through
 * `rankCadreBoards`. A province batch changes ~50,000 cadre scores; one object per cadre would
 * cost more to build, send and parse than the scores themselves.
 */
export interface CadrePatch {
  ids?: string[];
  scores?: number[];
  removed?: string[];
}

/**
 * The changes from version `from` to `to`. A live patch's `from` is the `to` of the previous patch
 * its socket got (or the version its subscribe ack named): a room none of whose boards changed
 * gets no patch, so a patch may span versions the socket's standings already passed.
 */
export interface StandingsDiff {
  from: number;
  to: number;
  /** Boards that appeared (complete) — e.g. the first value of a new period. */
  added?: Record<string, Board>;
  /** Boards that disappeared (a scheme change). */
  dropped?: string[];
  boards?: Record<string, BoardPatch>;
  cadresAdded?: Record<string, CadreBoard>;
  cadresDropped?: string[];
  cadres?: Record<string, CadrePatch>;
}

const SEP = '|';
/** Board key: `track|P|T|G`, `overall|P|*|G`, `season|*|T|G`, `season-overall|*|*|G`. */
export function boardKey(ref: BoardRef): string {
  return [ref.kind, ref.period ?? '*', ref.track ?? '*', ref.group].join(SEP);
}
export function parseBoardKey(key: string): BoardRef | null {
  const parts = key.split(SEP);
  if (parts.length !== 4) return null;
  const [kind, p, t, g] = parts as [string, string, string, string];
  if (kind !== 'track' && kind !== 'overall' && kind !== 'season' && kind !== 'season-overall') return null;
  return { kind, period: p === '*' ? null : p, track: t === '*' ? null : t, group: g };
}
export function cadreBoardKey(period: string, cadreGroup: string): string {
  return `cadre${SEP}${period}${SEP}${cadreGroup}`;
}

/** True when the diff contains nothing. */
export function isEmptyDiff(d: StandingsDiff): boolean {
  return !d.added && !d.dropped && !d.boards && !d.cadresAdded && !d.cadresDropped && !d.cadres;
}

/**
 * Applies a diff to standings in place and returns them. Throws unless `from ≤ version < to`:
 * clients must apply diffs in order and resync on a gap. A diff may start before the version
 * held: the live server sends a room nothing while its diffs are empty, and its next patch then
 * starts at the last one it sent (nothing of the room's changed in between).
 */
export function applyDiff(s: Standings, d: StandingsDiff): Standings {
  if (d.from > s.version || d.to <= s.version) throw new Error(`diff ${d.from}→${d.to} does not apply to version ${s.version}`);
  for (const k of d.dropped ?? []) delete s.boards[k];
  for (const [k, b] of Object.entries(d.added ?? {})) rankBoard((s.boards[k] = structuredClone(b)));
  for (const [k, p] of Object.entries(d.boards ?? {})) {
    const b = s.boards[k];
    if (!b) continue;
    patchBoardRows(b.rows, p);
    rankBoard(b);
  }
  for (const k of d.cadresDropped ?? []) delete s.cadres[k];
  for (const [k, b] of Object.entries(d.cadresAdded ?? {})) s.cadres[k] = structuredClone(b);
  for (const [k, p] of Object.entries(d.cadres ?? {})) {
    const b = s.cadres[k];
    if (b) patchCadreRows(b.rows, p);
  }
  if (d.cadres || d.cadresAdded || d.cadresDropped) rankCadreBoards(s.cadres);
  s.version = d.to;
  return s;
}

/** Applies a unit board patch to its rows, in place (ranks are filled in by `rankBoard`). */
export function patchBoardRows(rows: Record<string, Row>, p: BoardPatch): void {
  for (const id of p.removed ?? []) delete rows[id];
  for (const [id, part] of Object.entries(p.rows ?? {})) {
    const cur = rows[id];
    rows[id] = (cur ? { ...cur, ...part } : { ...part }) as Row;
  }
  if (p.scores) setDenseScores(rows, p.scores);
}

/** Row-id order of dense scores: UTF-16 code units (the default order of `Array.prototype.sort`). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Throws when the board's rows are not the ones the scores were made for (the client resyncs). */
function setDenseScores(rows: Record<string, Row>, scores: number[]): void {
  const ids = Object.keys(rows).sort(compareIds);
  if (ids.length !== scores.length) throw new Error(`dense patch has ${scores.length} scores for a board of ${ids.length} rows`);
  for (let k = 0; k < ids.length; k++) rows[ids[k]!]!.score = scores[k]!;
}

/** Dense costs ~8 bytes per row of the board, a patched row ~27: dense wins from ~30 % moved. */
const DENSE_SHARE = 0.3;

/**
 * The wire form of a diff: each unit board patch where at least `DENSE_SHARE` of the board's rows
 * (and `minRows`) get a new score carries the board's scores after the diff (`scoresOf`, in
 * `compareIds` order) instead; the others are unchanged. `applyDiff` gives the same standings
 * either way. The inputs are not changed.
 */
export function densify(d: StandingsDiff, scoresOf: (board: string) => number[] | null, minRows = 2): StandingsDiff {
  if (!d.boards) return d;
  let boards: Record<string, BoardPatch> | undefined;
  for (const [key, p] of Object.entries(d.boards)) {
    const q = densePatch(p, () => scoresOf(key), minRows);
    if (q !== p) (boards ??= { ...d.boards })[key] = q;
  }
  return boards ? { ...d, boards } : d;
}

function densePatch(p: BoardPatch, boardScores: () => number[] | null, minRows: number): BoardPatch {
  if (!p.rows || p.scores) return p;
  let moved = 0;
  for (const id in p.rows) if (p.rows[id]!.score !== undefined) moved++;
  if (moved < minRows) return p;
  const scores = boardScores();
  if (!scores || moved < DENSE_SHARE * scores.length) return p;
  let rows: Record<string, Partial<Row>> | undefined;
  for (const id in p.rows) {
    const { score: _, ...rest } = p.rows[id]!;
    if (Object.keys(rest).length) (rows ??= {})[id] = rest;
  }
  return { ...(p.removed ? { removed: p.removed } : {}), ...(rows ? { rows } : {}), scores };
}

/** Applies a cadre patch to a board's rows (ranks are filled in by `rankCadreBoards`). */
export function patchCadreRows(rows: Record<string, CadreRow>, p: CadrePatch): void {
  for (const id of p.removed ?? []) delete rows[id];
  const ids = p.ids ?? [];
  const scores = p.scores ?? [];
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const cur = rows[id];
    rows[id] = cur ? { ...cur, score: scores[k]! } : { score: scores[k]!, rank: 0, prevRank: null, change: null };
  }
}

/**
 * Re-ranks a unit board from its rows, as the engine ranks: non-vetoed first, score descending,
 * unit code ascending; competition ranks (1,2,2,4) over equal (vetoed, score); change = prevRank − rank.
 */
export function rankBoard(b: Board): void {
  const order = Object.entries(b.rows).sort(
    (x, y) => Number(x[1].vetoed) - Number(y[1].vetoed) || y[1].score - x[1].score || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0),
  );
  let last = 0;
  order.forEach(([, r], q) => {
    const before = q > 0 ? order[q - 1]![1] : null;
    const rank = before && before.score === r.score && before.vetoed === r.vetoed ? last : q + 1;
    last = rank;
    r.rank = rank;
    r.change = r.prevRank === null ? null : r.prevRank - rank;
  });
}

/** Display order of a board's rows: rank, then unit code (the documented tie order). */
export function orderRows<R extends { rank: number }>(rows: Record<string, R>): Array<[string, R]> {
  return Object.entries(rows).sort((a, b) => a[1].rank - b[1].rank || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Cadre ranks from cadre scores: competition ranking within each cadre-group board (ties by id),
 * rank change against the same group's board of the previous period that has one. The engine,
 * the reference engine and `applyDiff` all rank cadres through this one function.
 */
export function rankCadreBoards(cadres: Record<string, CadreBoard>): void {
  const byGroup = new Map<string, CadreBoard[]>();
  for (const b of Object.values(cadres)) {
    const l = byGroup.get(b.cadreGroup);
    if (l) l.push(b);
    else byGroup.set(b.cadreGroup, [b]);
  }
  for (const boards of byGroup.values()) {
    boards.sort((a, b) => a.periodIndex - b.periodIndex);
    let prev: Record<string, CadreRow> | null = null;
    for (const b of boards) {
      const order = Object.entries(b.rows).sort((x, y) => y[1].score - x[1].score || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      let last = 0;
      order.forEach(([id, row], q) => {
        const rank = q > 0 && order[q - 1]![1].score === row.score ? last : q + 1;
        last = rank;
        const pr = prev?.[id]?.rank ?? null;
        b.rows[id] = { score: row.score, rank, prevRank: pr, change: pr === null ? null : pr - rank };
      });
      prev = b.rows;
    }
  }
}
