/** Rows of the board table: a board's rows in display order, named, searched and filtered. */
import { orderRows, type Board, type Light, type Row } from '../../../shared/standings.ts';

export interface TableRow extends Row {
  id: string;
  name: string;
}

export type RowFilter = 'all' | 'flags' | 'warnings' | 'vetoed' | 'lists';

export interface TableQuery {
  search: string;
  filter: RowFilter;
  light: Light | 'all';
}

/** Normalises for search: NFKC, lower case, no spaces (全角 and 半角 match). */
export function norm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function tableRows(board: Board | undefined, name: (id: string) => string, q: TableQuery): TableRow[] {
  if (!board) return [];
  const needle = norm(q.search);
  const out: TableRow[] = [];
  for (const [id, r] of orderRows(board.rows)) {
    const n = name(id);
    if (needle && !norm(n).includes(needle) && !norm(id).includes(needle)) continue;
    if (q.filter === 'flags' && !r.flag) continue;
    if (q.filter === 'warnings' && !r.warning) continue;
    if (q.filter === 'vetoed' && !r.vetoed) continue;
    if (q.filter === 'lists' && !r.list) continue;
    if (q.light !== 'all' && r.light !== q.light) continue;
    out.push({ ...r, id, name: n });
  }
  return out;
}
