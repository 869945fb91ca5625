/**
 * The 通报 as a list of blocks — red header, title, summary, ranking tables, signature — that the
 * PDF and the Word writers both render, so the two files always say the same thing.
 */
import type { Report } from './report.ts';
import type { Value } from './write-table.ts';
import { chineseDate, formatTime } from './time.ts';
import { fixed } from './decimals.ts';

/** The formal 通报: issuing organ (发文机关), document number (文号) and date (成文日期, YYYY-MM-DD). */
export interface Formal {
  organ: string;
  docNo: string;
  date: string;
}

export interface DocMeta {
  generatedAt: Date;
  timeZone: string;
  units: Map<string, string>;
  groups: Map<string, string>;
  tracks: Map<string, string>;
  formal?: Formal | null;
}

export type Block =
  | { kind: 'redHeader'; organ: string; docNo: string; date: string }
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'para'; text: string }
  | { kind: 'table'; header: string[]; widths: number[]; rows: string[][] }
  | { kind: 'signature'; organ: string; date: string };

const FLAG: Record<string, string> = { red: '红旗', yellow: '黄旗' };
const LIGHT: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };

export function reportBlocks(r: Report, meta: DocMeta): Block[] {
  const d = r.decimals;
  const unit = (id: string) => meta.units.get(id) ?? id;
  const cell = (v: Value | undefined) => (v === null || v === undefined ? '' : String(v));
  const score = (v: Value | undefined) => (typeof v === 'number' ? fixed(v, d) : cell(v));
  const change = (c: number | null) => (c === null ? '—' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—');
  const out: Block[] = [];
  const f = meta.formal;
  if (f) out.push({ kind: 'redHeader', organ: f.organ, docNo: f.docNo, date: chineseDate(f.date) });
  out.push({ kind: 'title', text: r.title });
  out.push({ kind: 'subtitle', text: `${r.season} · ${r.period.name} · ${r.source === 'published' ? '已发布快照' : '实时数据'} · 数据版本 ${r.version} · 生成于 ${formatTime(meta.generatedAt, meta.timeZone)}` });

  out.push({ kind: 'heading', text: '一、总体情况', level: 1 });
  for (const s of r.summary) out.push({ kind: 'para', text: s });

  out.push({ kind: 'heading', text: '二、综合排名', level: 1 });
  for (const o of r.overall) {
    out.push({ kind: 'heading', text: meta.groups.get(o.group) ?? o.group, level: 2 });
    const rows = o.rows.map(({ unit: u, row }) => [cell(row.rank), unit(u), score(row.score), change(row.change), cell(row.grade), row.flag ? FLAG[row.flag]! : row.vetoed ? '否决' : '']);
    out.push({ kind: 'table', header: ['排名', '单位', '综合得分', '进位', '等次', '红黄旗'], widths: [1, 3, 2, 1.2, 1.5, 1.5], rows });
  }

  out.push({ kind: 'heading', text: '三、分赛道排名', level: 1 });
  for (const b of r.boards) {
    out.push({ kind: 'heading', text: `${meta.tracks.get(b.track) ?? b.track} · ${meta.groups.get(b.group) ?? b.group}`, level: 2 });
    const rows = b.rows.map(({ unit: u, row }) => [cell(row.rank), unit(u), score(row.score), change(row.change), cell(row.grade), row.light ? LIGHT[row.light]! : '']);
    out.push({ kind: 'table', header: ['排名', '单位', '得分', '进位', '等次', '亮灯'], widths: [1, 3, 2, 1.2, 1.5, 1], rows });
  }

  const lists = r.tables.find((t) => t.id === 'lists')!;
  out.push({ kind: 'heading', text: '四、红黑榜', level: 1 });
  if (lists.rows.length) out.push({ kind: 'table', header: ['分组', '榜单', '类别', '排名', '单位', '得分'], widths: [2, 2, 1, 1, 2.5, 1.5], rows: lists.rows.map((x) => [cell(x[0]), cell(x[1]), cell(x[2]), cell(x[3]), cell(x[5]), score(x[6])]) });
  else out.push({ kind: 'para', text: '本期无红黑榜。' });

  const warnings = r.tables.find((t) => t.id === 'warnings')!;
  out.push({ kind: 'heading', text: '五、约谈提醒', level: 1 });
  if (warnings.rows.length) out.push({ kind: 'table', header: ['分组', '榜单', '单位', '排名', '得分', '原因'], widths: [2, 2, 2.5, 1, 1.5, 2.5], rows: warnings.rows.map((x) => [cell(x[0]), cell(x[1]), cell(x[3]), cell(x[4]), score(x[5]), cell(x[6])]) });
  else out.push({ kind: 'para', text: '本期无约谈提醒。' });

  if (f) out.push({ kind: 'signature', organ: f.organ, date: chineseDate(f.date) });
  return out;
}
