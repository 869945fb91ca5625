/**
 * The XLSX workbook of a period: overall, track × group sheets, cadre sheets, 红黑榜, 约谈, summary.
 * Score cells keep full precision and are shown with the scheme's report decimals.
 */
import ExcelJS from 'exceljs';
import type { Report } from './report.ts';
import { addSheet, type Table } from './write-table.ts';
import { neutralise } from './neutralise.ts';
import { numFmt } from './decimals.ts';
import { printSetup } from './sheet-layout.ts';

/** Columns holding scores or points: shown with the report's decimals. */
const SCORE = /(得分|总分|加分|扣分)$/;

export async function reportXlsx(r: Report, generatedAt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Saima 赛马';
  wb.title = r.title;
  const used = new Set<string>();
  const fmt = numFmt(r.decimals);
  const sheets: Table[] = r.tables.flatMap((t) => (t.sheets ? t.sheets : [t]));
  for (const t of sheets) addSheet(wb, { ...t, numFmts: t.header.map((h) => (SCORE.test(h) ? fmt : undefined)) }, used);
  const info = wb.addWorksheet('说明');
  used.add('说明');
  const lines: Array<[string, string | number]> = [
    ['标题', r.title],
    ['赛季', r.season],
    ['考核期', r.period.name],
    ['数据来源', r.source === 'published' ? '已发布快照' : '实时数据'],
    ['数据版本', r.version],
    ['生成时间', generatedAt],
    ['得分显示', `${r.decimals} 位小数（单元格保留完整精度）`],
  ];
  for (const [k, v] of lines) info.addRow([k, neutralise(v)]);
  info.addRow([]);
  info.addRow(['摘要']).font = { bold: true };
  for (const s of r.summary) info.addRow([null, neutralise(s)]);
  info.getColumn(1).width = 12;
  info.getColumn(2).width = 100;
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  printSetup(info);
  info.pageSetup.printTitlesRow = undefined;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
