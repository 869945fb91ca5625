/**
 * The 通报 of a period as an A4 PDF in Chinese, drawn from the blocks of report-doc.ts: an
 * optional red header (发文机关, 文号, date, red rule), title, summary, tables that repeat their
 * header on each page, an optional signature block, and page numbers.
 */
import PDFDocument from 'pdfkit';
import type { Report } from './report.ts';
import { findHeaderFont, type FontRef } from './font.ts';
import { reportBlocks, type Block, type DocMeta } from './report-doc.ts';

const MARGIN = 48;
const RED = '#d40000';
type Doc = InstanceType<typeof PDFDocument>;

export function reportPdf(r: Report, font: FontRef, meta: DocMeta): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: r.title, Creator: 'Saima 赛马' } });
  doc.registerFont('cjk', font.path, font.family);
  const head = findHeaderFont(font);
  doc.registerFont('head', head.path, head.family);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  for (const b of reportBlocks(r, meta)) drawBlock(doc, b, width, ensure, bottom);
  footer(doc, r.title, width);
  doc.end();
  return done;
}

function drawBlock(doc: Doc, b: Block, width: number, ensure: (h: number) => void, bottom: () => number): void {
  switch (b.kind) {
    case 'redHeader': {
      doc.moveDown(1).font('head').fontSize(30).fillColor(RED).text(b.organ, MARGIN, doc.y, { width, align: 'center', characterSpacing: 2 });
      doc.moveDown(0.6).font('cjk').fontSize(11).fillColor('#000');
      const y = doc.y;
      doc.text(b.docNo, MARGIN, y, { width, align: 'left', lineBreak: false });
      doc.text(b.date, MARGIN, y, { width, align: 'right', lineBreak: false });
      const rule = y + 20;
      doc.moveTo(MARGIN, rule).lineTo(MARGIN + width, rule).lineWidth(2).strokeColor(RED).stroke();
      doc.y = rule + 18;
      doc.x = MARGIN;
      return;
    }
    case 'title':
      doc.fontSize(20).fillColor('#000').text(b.text, MARGIN, doc.y, { align: 'center', width });
      return;
    case 'subtitle':
      doc.moveDown(0.4).fontSize(10).fillColor('#333').text(b.text, MARGIN, doc.y, { align: 'center', width });
      return;
    case 'heading': {
      const size = b.level === 1 ? 13 : 11;
      ensure(size * 3);
      doc.moveDown(0.6).fontSize(size).fillColor('#000').text(b.text, MARGIN, doc.y, { width });
      doc.moveDown(0.3);
      return;
    }
    case 'para':
      ensure(30);
      doc.fontSize(10.5).fillColor('#000').text(b.text, MARGIN, doc.y, { width, indent: 21, lineGap: 3 });
      doc.moveDown(0.2);
      return;
    case 'table':
      table(doc, b, width, ensure, bottom);
      return;
    case 'signature': {
      if (doc.y + 80 > bottom()) {
        // A page holding only the signature says so (GB/T 9704).
        doc.addPage();
        doc.fontSize(10.5).fillColor('#000').text('（此页无正文）', MARGIN, doc.y, { width });
      }
      doc.moveDown(2).fontSize(12).fillColor('#000');
      const w = 200;
      doc.text(b.organ, MARGIN + width - w, doc.y, { width: w, align: 'center' });
      doc.moveDown(0.3).text(b.date, MARGIN + width - w, doc.y, { width: w, align: 'center' });
      doc.x = MARGIN;
      return;
    }
  }
}

/** A ruled table whose long cells wrap (names are never cut), continued with its header on the next page. */
function table(doc: Doc, t: Extract<Block, { kind: 'table' }>, width: number, ensure: (h: number) => void, bottom: () => number): void {
  const scale = width / t.widths.reduce((a, b) => a + b, 0);
  const ws = t.widths.map((w) => w * scale);
  const pad = 4;
  const heightOf = (cells: string[]) => {
    doc.fontSize(8.5);
    return Math.max(16, ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: ws[i]! - 6 }) + 2 * pad));
  };
  const drawRow = (cells: string[], head: boolean, rowH: number) => {
    ensure(rowH);
    const y = doc.y;
    if (head) doc.rect(MARGIN, y, width, rowH).fill('#eeeeee');
    doc.fillColor('#000').fontSize(8.5);
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + pad, { width: ws[i]! - 6 });
      x += ws[i]!;
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + width, y + rowH).lineWidth(0.3).strokeColor('#999').stroke();
    doc.y = y + rowH;
    doc.x = MARGIN;
  };
  const headH = heightOf(t.header);
  drawRow(t.header, true, headH);
  for (const row of t.rows) {
    const h = heightOf(row);
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawRow(t.header, true, headH);
    }
    drawRow(row, false, h);
  }
  doc.moveDown(0.5);
}

function footer(doc: Doc, title: string, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would start a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#666').text(`${title}  第 ${i + 1} / ${range.count} 页`, MARGIN, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
  }
}
