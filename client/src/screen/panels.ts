/** Side-panel data for the wall display, derived from one board. */
import { orderRows, type Board, type ListMark, type Row } from '../../../shared/standings.ts';

/**
 * 红榜 (best first) or 黑榜 (worst first): the rows the engine marked; when it marked none,
 * the top or bottom `n` of the ranked rows.
 */
export function listRows(board: Board | undefined, mark: ListMark, n = 3): Array<[string, Row]> {
  if (!board) return [];
  const ordered = orderRows(board.rows).filter(([, r]) => r.hasData);
  const marked = ordered.filter(([, r]) => r.list === mark);
  const anyMarked = ordered.some(([, r]) => r.list !== null && r.list !== undefined);
  const rows = anyMarked ? marked : mark === 'red' ? ordered.slice(0, n) : ordered.slice(-n);
  return mark === 'black' ? [...rows].reverse() : rows;
}

/** The first `n` rows in display order. */
export function headRows(board: Board | undefined, n: number): Array<[string, Row]> {
  return board ? orderRows(board.rows).slice(0, n) : [];
}
