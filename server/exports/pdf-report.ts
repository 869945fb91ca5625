/**
 * The 通报 of a period as an A4 PDF in Chinese: title, period and source, a short summary written
 * from the data, the overall ranking per group, each track × group board, 红黑榜 and 约谈.
 */
import PDFDocument from 'pdfkit';
import type { Report } from './report.ts';
import type { FontRef } from './font.ts';
import type { Value } from './write-table.ts';

const MARGIN = 48;
const FLAG: Record<string, string> = { red: '红旗', yellow: '黄旗' };
const LIGHT: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };

export function reportPdf(r: Report, font: FontRef, meta: { generatedAt: string; units: Map<string, string>; groups: Map<string, string>; tracks: Map<string, string> }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: r.title, Creator: 'Saima 赛马' } });
  doc.registerFont('cjk', font.path, font.family);
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
  const heading = (text: string, size = 13) => {
    ensure(size * 3);
    doc.moveDown(0.6).fontSize(size).fillColor('#000').text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const unit = (id: string) => meta.units.get(id) ?? id;
  const fmt = (v: Value) => (v === null ? '' : typeof v === 'number' ? String(v) : v);
  const change = (c: number | null) => (c === null ? '—' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—');

  /** A simple ruled table that continues on the next page with its header repeated. */
  function table(header: string[], widths: number[], rows: Value[][]) {
    const scale = width / widths.reduce((a, b) => a + b, 0);
    const ws = widths.map((w) => w * scale);
    const rowH = 16;
    const drawRow = (cells: string[], bold: boolean) => {
      ensure(rowH);
      const y = doc.y;
      if (bold) doc.rect(MARGIN, y, width, rowH).fill('#eeeeee');
      doc.fillColor('#000').fontSize(8.5);
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.text(c, x + 3, y + 4, { width: ws[i]! - 6, height: rowH - 4, ellipsis: true, lineBreak: false });
        x += ws[i]!;
      });
      doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + width, y + rowH).lineWidth(0.3).strokeColor('#999').stroke();
      doc.y = y + rowH;
      doc.x = MARGIN;
    };
    drawRow(header, true);
    for (const r0 of rows) {
      if (doc.y + rowH > bottom()) {
        doc.addPage();
        drawRow(header, true);
      }
      drawRow(r0.map(fmt), false);
    }
    doc.moveDown(0.5);
  }

  doc.fontSize(20).text(r.title, { align: 'center', width });
  doc.moveDown(0.4).fontSize(10).fillColor('#333');
  doc.text(`${r.season} · ${r.period.name} · ${r.source === 'published' ? '已发布快照' : '实时数据'} · 数据版本 ${r.version} · 生成于 ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, { align: 'center', width });

  heading('一、总体情况');
  doc.fontSize(10.5).fillColor('#000');
  for (const s of r.summary) {
    ensure(30);
    doc.text(s, MARGIN, doc.y, { width, indent: 21, lineGap: 3 });
    doc.moveDown(0.2);
  }

  heading('二、综合排名');
  for (const o of r.overall) {
    heading(meta.groups.get(o.group) ?? o.group, 11);
    table(['排名', '单位', '综合得分', '进位', '等次', '红黄旗'], [1, 3, 2, 1.2, 1.5, 1.5], o.rows.map(({ unit: u, row }) => [row.rank, unit(u), row.score, change(row.change), row.grade, row.flag ? FLAG[row.flag]! : row.vetoed ? '否决' : null]));
  }

  heading('三、分赛道排名');
  for (const b of r.boards) {
    heading(`${meta.tracks.get(b.track) ?? b.track} · ${meta.groups.get(b.group) ?? b.group}`, 11);
    table(['排名', '单位', '得分', '进位', '等次', '亮灯'], [1, 3, 2, 1.2, 1.5, 1], b.rows.map(({ unit: u, row }) => [row.rank, unit(u), row.score, change(row.change), row.grade, row.light ? LIGHT[row.light]! : null]));
  }

  const lists = r.tables.find((t) => t.id === 'lists')!;
  heading('四、红黑榜');
  if (lists.rows.length) table(['分组', '榜单', '类别', '排名', '单位', '得分'], [2, 2, 1, 1, 2.5, 1.5], lists.rows.map((x) => [x[0]!, x[1]!, x[2]!, x[3]!, x[5]!, x[6]!]));
  else doc.fontSize(10).text('本期无红黑榜。', { width });

  const warnings = r.tables.find((t) => t.id === 'warnings')!;
  heading('五、约谈提醒');
  if (warnings.rows.length) table(['分组', '榜单', '单位', '排名', '得分', '原因'], [2, 2, 2.5, 1, 1.5, 2.5], warnings.rows.map((x) => [x[0]!, x[1]!, x[3]!, x[4]!, x[5]!, x[6]!]));
  else doc.fontSize(10).text('本期无约谈提醒。', { width });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would start a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#666').text(`${r.title}  第 ${i + 1} / ${range.count} 页`, MARGIN, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
