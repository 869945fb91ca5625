/** Tables written as XLSX sheets or CSV, with text neutralised against formula injection. */
import ExcelJS from 'exceljs';
import { writeCsv } from '../imports/csv.ts';
import { neutralise } from './neutralise.ts';

export type Value = string | number | null;
export interface Table {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  name: string;
  title?: string;
  header: string[];
  rows: Value[][];
  /** Column widths in characters (optional). */
  widths?: number[];
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
  t.header.forEach((h, i) => {
    const width = t.widths?.[i] ?? Math.min(40, Math.max(8, [...h].length * 2 + 2));
    ws.getColumn(i + 1).width = width;
  });
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
