/**
 * The 通报 as a Word document (.docx), from the same blocks as the PDF: red header, title,
 * summary, tables whose header row repeats on each page, signature block, page numbers.
 * Text goes into runs as text (the docx package escapes it for XML).
 */
import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, TabStopType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import type { Report } from './report.ts';
import { reportBlocks, type Block, type DocMeta } from './report-doc.ts';

const RED = 'D40000';
/** A4 text width in twentieths of a point (11906 − 2 × 1440). */
const TEXT_WIDTH = 9026;
const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEAD = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' };
const TITLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

export function reportDocx(r: Report, meta: DocMeta): Promise<Buffer> {
  const children = reportBlocks(r, meta).flatMap(block);
  const doc = new Document({
    creator: 'Saima 赛马',
    title: r.title,
    styles: { default: { document: { run: { font: BODY, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, children: ['第 ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES, ' 页'] })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function block(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'redHeader':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 360 }, children: [new TextRun({ text: b.organ, color: RED, bold: true, size: 60, font: TITLE, characterSpacing: 40 })] }),
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
          border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
          spacing: { after: 480 },
          children: [new TextRun({ text: b.docNo }), new TextRun({ text: `\t${b.date}` })],
        }),
      ];
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: b.text, bold: true, size: 40, font: TITLE })] })];
    case 'subtitle':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: b.text, size: 20, color: '333333' })] })];
    case 'heading':
      return [new Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, children: [new TextRun({ text: b.text, size: b.level === 1 ? 28 : 24, font: HEAD, bold: b.level === 2 })] })];
    case 'para':
      return [new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 80, line: 360 }, children: [new TextRun({ text: b.text })] })];
    case 'table':
      return [table(b), new Paragraph({ children: [] })];
    case 'signature':
      return [
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720 }, indent: { right: 480 }, children: [new TextRun({ text: b.organ })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 480 }, children: [new TextRun({ text: b.date })] }),
      ];
  }
}

function table(t: Extract<Block, { kind: 'table' }>): Table {
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const row = (cells: string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      cantSplit: true,
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: cols[i]!, type: WidthType.DXA },
            shading: head ? { fill: 'EEEEEE' } : undefined,
            children: [new Paragraph({ alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text: c, size: 20, bold: head })] })],
          }),
      ),
    });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, margins: { top: 40, bottom: 40, left: 80, right: 80 }, columnWidths: cols, layout: TableLayoutType.FIXED, rows: [row(t.header, true), ...t.rows.map((r) => row(r, false))] });
}
