/**
 * Indicator values from a filled-in template: checked as a whole, cell by cell, against the
 * scheme and the engine. Any wrong cell refuses the whole file with a list of every problem at
 * the row and column a spreadsheet user sees (row 2 is the first data row). Blank cells mean "no
 * value" and are skipped. Each cell's idempotency key is the file's sha256 plus the cell, so the
 * same file imported twice adds nothing.
 */
import type { EventBody } from '../../shared/events.ts';
import type { Engine } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Submission } from '../services/race-service.ts';
import { columnLetter, type Cell } from './read-sheet.ts';
import { groupIndicators } from '../routes/data-routes.ts';

export interface CellError {
  row: number;
  column: string;
  header: string | null;
  value: Cell;
  reason: string;
}

export const UNIT_CODE = ['单位编码', '单位代码', '编码', 'unit', 'unit code', 'code'];
export const UNIT_NAME = ['单位名称', '单位', '名称', 'name', 'unit name'];

/** Reads a number the way people type it: 1,234.5 · ８５ · 85% (the percent sign is dropped). */
export function parseNumber(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === null) return null;
  const s = v.normalize('NFKC').replace(/[,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** One cell of the file that differs from the value recorded now. */
export interface PlannedCell {
  /** Spreadsheet row (2 = first data row) and column letter. */
  row: number;
  column: string;
  unit: string;
  indicator: string;
  /** The value recorded now (null: none, the cell adds a new value). */
  before: number | string | null;
  after: number | string;
  /** Idempotency key: the file's sha256 plus the cell. */
  key: string;
  /** The event as a new value; an overwrite becomes a correction with the import's reason. */
  body: EventBody;
}

export interface ImportPlan {
  subs: Submission[];
  /** Value cells that differ from what is recorded (values imports only). */
  planned?: PlannedCell[];
  /** Cells equal to the value already recorded. */
  unchanged: number;
  /** Non-blank cells read. */
  cells: number;
}

export interface ValuesInput {
  rows: Cell[][];
  scheme: Scheme;
  engine: Engine;
  period: string;
  track?: string;
  /** May the caller submit this indicator (admin: all; reporter: its own)? */
  mayWrite: (indicator: string) => boolean;
  sha: string;
  current: Map<string, { value: number | string | null }>;
  english: boolean;
}

export function planValues(input: ValuesInput): ImportPlan {
  const { rows, scheme, engine, period, english } = input;
  const T = (zh: string, en: string) => (english ? en : zh);
  const errors: CellError[] = [];
  const header = (rows[0] ?? []).map((h) => (h === null ? null : String(h).trim()));
  const err = (r: number, c: number, value: Cell, reason: string) =>
    errors.push({ row: r + 1, column: columnLetter(c), header: header[c] ?? null, value, reason });

  const indicators = new Map<string, { code: string; method: string; track: string }>();
  for (const t of scheme.tracks) {
    if (input.track !== undefined && t.id !== input.track) continue;
    for (const i of t.indicators) indicators.set(i.code, { code: i.code, method: i.method.kind, track: t.id });
  }
  const byName = new Map<string, string>();
  for (const t of scheme.tracks) if (input.track === undefined || t.id === input.track) for (const i of t.indicators) byName.set(i.name, i.code);

  let codeCol = -1;
  let nameCol = -1;
  const cols = new Map<number, string>();
  const seen = new Map<string, number>();
  header.forEach((h, c) => {
    if (h === null) return;
    const low = h.toLowerCase();
    if (codeCol < 0 && UNIT_CODE.includes(low)) return void (codeCol = c);
    if (nameCol < 0 && UNIT_NAME.includes(low)) return void (nameCol = c);
    const m = /[（(]\s*([A-Za-z0-9_.-]+)\s*[)）]\s*$/.exec(h);
    const code = m ? m[1]! : indicators.has(h) ? h : byName.get(h);
    if (!code || !indicators.has(code)) {
      const where = input.track === undefined ? '' : T(`赛道「${input.track}」中`, ` in track "${input.track}"`);
      return err(0, c, h, T(`表头无法识别：${where}没有这个指标。表头应为“指标名称（指标编码）”。`, `Unknown column: no such indicator${where}. Headers read "name (code)".`));
    }
    if (seen.has(code)) return err(0, c, h, T(`指标「${code}」的列重复（另见 ${columnLetter(seen.get(code)!)} 列）。`, `Indicator "${code}" appears twice (see column ${columnLetter(seen.get(code)!)}).`));
    if (!input.mayWrite(code)) return err(0, c, h, T(`您无权报送指标「${code}」。`, `You may not submit indicator "${code}".`));
    seen.set(code, c);
    cols.set(c, code);
  });
  if (codeCol < 0 && nameCol < 0) err(0, 0, header[0] ?? null, T('缺少“单位编码”列。请使用下载的模板。', 'The "单位编码" (unit code) column is missing; use the downloaded template.'));
  if (!cols.size && !errors.length) err(0, header.length, null, T('没有任何指标列。', 'No indicator columns.'));

  const units = new Map(scheme.units.map((u) => [u.id, u]));
  const unitByName = new Map(scheme.units.map((u) => [u.name, u.id]));
  const applies = new Map<string, Set<string>>();
  for (const g of scheme.groups) {
    const codes = g.tracks.flatMap((t) => groupIndicators(scheme, g.id, t));
    for (const u of g.units) applies.set(u, new Set([...(applies.get(u) ?? []), ...codes]));
  }
  const unitRow = new Map<string, number>();
  const planned: PlannedCell[] = [];
  let unchanged = 0;
  let cells = 0;
  if (!errors.length) {
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.every((v) => v === null)) continue;
      const codeCell = codeCol >= 0 ? row[codeCol] ?? null : null;
      const nameCell = nameCol >= 0 ? row[nameCol] ?? null : null;
      const valueCells = [...cols.keys()].filter((c) => (row[c] ?? null) !== null);
      if (!valueCells.length) continue;
      let unit: string | undefined;
      if (codeCell !== null) {
        unit = units.has(String(codeCell)) ? String(codeCell) : undefined;
        if (!unit) {
          err(r, codeCol, codeCell, T(`单位编码「${codeCell}」不存在。`, `No unit with code "${codeCell}".`));
          continue;
        }
        if (nameCell !== null && units.get(unit)!.name !== String(nameCell)) {
          err(r, nameCol, nameCell, T(`单位名称与编码不符：编码 ${unit} 是「${units.get(unit)!.name}」。`, `Name does not match the code: ${unit} is "${units.get(unit)!.name}".`));
          continue;
        }
      } else {
        unit = nameCell === null ? undefined : unitByName.get(String(nameCell));
        if (!unit) {
          err(r, codeCol >= 0 ? codeCol : nameCol, codeCol >= 0 ? codeCell : nameCell, T('缺少单位编码（或单位名称无法识别）。', 'The unit code is missing (or the name is unknown).'));
          continue;
        }
      }
      if (unitRow.has(unit)) {
        err(r, codeCol >= 0 ? codeCol : nameCol, codeCell ?? nameCell, T(`单位 ${unit} 重复出现（另见第 ${unitRow.get(unit)! + 1} 行）。`, `Unit ${unit} appears twice (see row ${unitRow.get(unit)! + 1}).`));
        continue;
      }
      unitRow.set(unit, r);
      for (const c of valueCells) {
        const code = cols.get(c)!;
        const raw = row[c]!;
        cells++;
        if (!applies.get(unit)?.has(code)) {
          err(r, c, raw, T(`单位 ${unit} 所在分组不考核此指标，请留空。`, `Unit ${unit}'s group is not scored on this indicator; leave it blank.`));
          continue;
        }
        const ind = indicators.get(code)!;
        let value: number | string;
        if (ind.method === 'grade') value = String(raw).trim();
        else {
          const n = parseNumber(raw);
          if (n === null) {
            err(r, c, raw, T('不是有效的数字。', 'Not a valid number.'));
            continue;
          }
          value = n;
        }
        const body: EventBody = { type: 'value:recorded', data: { period, unit, indicator: code, value, source: `import:${input.sha.slice(0, 12)}` } };
        const p = engine.checkEvent(body);
        if (p) {
          err(r, c, raw, english ? p.en : p.zh);
          continue;
        }
        const before = input.current.get(`${unit}|${code}`)?.value ?? null;
        if (before === value) {
          unchanged++;
          continue;
        }
        planned.push({ row: r + 1, column: columnLetter(c), unit, indicator: code, before, after: value, key: `import:${input.sha}:${period}:${unit}:${code}`, body });
      }
    }
  }
  if (errors.length) throw new ImportErrors(errors);
  return { subs: planned.map((p) => ({ key: p.key, body: p.body })), planned, unchanged, cells };
}

export class ImportErrors extends Error {
  constructor(readonly errors: CellError[]) {
    super(`${errors.length} import errors`);
  }
}
