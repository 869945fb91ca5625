/**
 * Column widths sized to content and a print setup for every exported sheet: A4 landscape, fit
 * to one page wide, the header row repeated on each printed page, page numbers in the footer.
 */
import type ExcelJS from 'exceljs';

/** Widest and narrowest column, in Excel's character units. */
export const MAX_WIDTH = 50;
export const MIN_WIDTH = 6;
/** A header may wrap onto two lines rather than widen its column past this. */
const HEADER_WIDTH = 16;

/** The printed width of a text in character units: Chinese and full-width characters count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

const shown = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));

/** Each column's width: its longest cell (or its header up to HEADER_WIDTH), plus padding. */
export function columnWidths(header: string[], rows: unknown[][]): number[] {
  return header.map((h, i) => {
    const cells = rows.reduce<number>((m, r) => Math.max(m, textWidth(shown(r[i]))), 0);
    const w = Math.max(cells, Math.min(textWidth(h), HEADER_WIDTH)) + 2;
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w));
  });
}

/** A4 landscape, one page wide, as many pages tall as needed, row 1 printed on every page. */
export function printSetup(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C第 &P / &N 页' };
}
