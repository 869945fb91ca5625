/** Rows of the cadre table: a cadre board in rank order, named and searched. */
import { cadreBoardKey, orderRows, type CadreBoard, type CadreRow, type Standings } from '../../../shared/standings.ts';
import type { Meta } from '../lib/meta.ts';
import { norm } from './table-rows.ts';

export interface CadreTableRow extends CadreRow {
  id: string;
  name: string;
  unit: string;
  title: string;
}

export function cadreRows(board: CadreBoard | undefined, meta: Meta, search: string): CadreTableRow[] {
  if (!board) return [];
  const needle = norm(search);
  const out: CadreTableRow[] = [];
  for (const [id, r] of orderRows(board.rows)) {
    const c = meta.cadres[id];
    const unit = c ? (meta.units[c.unit]?.name ?? c.unit) : '';
    const name = c?.name ?? id;
    if (needle && ![name, unit, id, c?.title ?? ''].some((s) => norm(s).includes(needle))) continue;
    out.push({ ...r, id, name, unit, title: c?.title ?? '' });
  }
  return out;
}

/** Periods (ids, in season order) that have a board for the cadre group in the standings shown. */
export function cadrePeriodsWithData(s: Standings | null, meta: Meta, cadreGroup: string): string[] {
  if (!s) return [];
  return meta.periods.filter((p) => Object.keys(s.cadres[cadreBoardKey(p.id, cadreGroup)]?.rows ?? {}).length > 0).map((p) => p.id);
}
