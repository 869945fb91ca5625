/** An uploaded XLSX or CSV file as a grid of cells (row 0 = the spreadsheet's row 1). */
import ExcelJS from 'exceljs';
import { CsvError, parseCsv } from './csv.ts';
import { sniff } from './decode.ts';
import { AppError } from '../http/errors.ts';
import { domainErrors } from '../services/domain-errors.ts';

export type Cell = string | number | null;
export interface Sheet {
  rows: Cell[][];
  format: 'xlsx' | 'csv';
}

const MAX_CELLS = 500_000;
/** XLSX files are zips: refuse one that would unpack to more than this (a zip bomb) before reading it. */
const MAX_UNZIPPED = 200 * 1024 * 1024;

/** Sum of the uncompressed sizes in a zip's central directory; Infinity when it cannot be read or is ZIP64. */
export function unzippedSize(b: Buffer): number {
  const from = Math.max(0, b.length - 22 - 65_535);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Infinity;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return Infinity;
    const size = b.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return total;
}

/** Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const text = (s: string): Cell => {
  const t = s.trim();
  return t === '' ? null : t;
};

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return text(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return text(v.richText.map((r) => r.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof v.text === 'string') return text(v.text);
    if ('error' in v) return String(v.error);
  }
  return text(String(v));
}

export async function readSheet(data: Buffer): Promise<Sheet> {
  const kind = sniff(data);
  if (kind.kind === 'csv') {
    try {
      const rows = parseCsv(kind.text).map((r) => r.map(text));
      if (rows.reduce((n, r) => n + r.length, 0) > MAX_CELLS) throw tooMany();
      return { rows, format: 'csv' };
    } catch (e) {
      if (e instanceof CsvError) throw new AppError(422, 'import_invalid', { zh: `CSV 格式错误：${e.message}`, en: `Malformed CSV at line ${e.line}.` }, { errors: [{ row: e.line, column: null, value: null, reason: e.message }] });
      throw e;
    }
  }
  if (unzippedSize(data) > MAX_UNZIPPED) throw tooMany();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw domainErrors.badSpreadsheet();
  }
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? wb.worksheets[0];
  if (!ws) return { rows: [], format: 'xlsx' };
  if (ws.rowCount * Math.max(1, ws.columnCount) > MAX_CELLS) throw tooMany();
  const rows: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) out.push(cellValue(row.getCell(c).value));
    rows.push(out);
  }
  return { rows, format: 'xlsx' };
}

const tooMany = () => new AppError(413, 'payload_too_large', { zh: `表格过大（最多 ${MAX_CELLS} 个单元格），请分批导入。`, en: `The table is too large (at most ${MAX_CELLS} cells); import it in parts.` });
