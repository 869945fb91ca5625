/** Tables written as XLSX sheets or CSV, with text neutralised against formula injection. */
import ExcelJS from 'exceljs';
import { writeCsv } from '../imports/csv.ts';
import { neutralise } from './neutralise.ts';
import { columnWidths, MAX_WIDTH, printSetup } from './sheet-layout.ts';

export type Value = string | number | null;
export interface Table {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  name: string;
  title?: string;
  header: string[];
  rows: Value[][];
  /** Column widths in characters (default: sized to content). */
  widths?: number[];
  /** Excel number formats per column (e.g. "0.00" for scores); the values keep full precision. */
  numFmts?: Array<string | undefined>;
}

/** A sheet name Excel accepts, unique within `used`. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(out.toLowerCase());
  return out;
}

export function addSheet(wb: ExcelJS.Workbook, t: Table, used: Set<string>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(t.name, used));
  const head = ws.addRow(t.header.map(neutralise));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? null : neutralise(v))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const fit = columnWidths(t.header, t.rows);
  t.header.forEach((_h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = t.widths?.[i] ?? fit[i]!;
    // Text longer than the widest column wraps instead of running into the next cell.
    if (fit[i]! >= MAX_WIDTH) col.alignment = { wrapText: true, vertical: 'top' };
    const fmt = t.numFmts?.[i];
    if (fmt) col.eachCell((cell, row) => void (row > 1 && typeof cell.value === 'number' && (cell.numFmt = fmt)));
  });
  head.alignment = { vertical: 'middle', wrapText: true };
  printSetup(ws);
  return ws;
}

export async function xlsxOf(tables: Table[], meta: { creator?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? 'Saima 赛马';
  wb.created = new Date(0);
  const used = new Set<string>();
  for (const t of tables) addSheet(wb, t, used);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function csvOf(t: Table): Buffer {
  return Buffer.from(writeCsv([t.header.map(neutralise), ...t.rows.map((r) => r.map((v) => (v === null ? null : neutralise(v))))]), 'utf8');
}
