/**
 * The results of one period as tables — overall, one per track × group with every indicator's
 * value and points, cadres, 红黑榜, 约谈 — and a short summary written from the data. Built
 * synchronously from one engine and its standings, so every number is of the same version.
 */
import type { Engine, UnitExplanation } from '../../shared/engine/types.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { Row, Standings } from '../../shared/standings.ts';
import { boardKey, cadreBoardKey, orderRows } from '../../shared/standings.ts';
import { groupIndicators } from '../routes/data-routes.ts';
import type { Table, Value } from './write-table.ts';
import { reportDecimals } from '../../shared/scheme-report.ts';
import { fixed } from './decimals.ts';

export interface ReportTable extends Table {
  /** CSV table id: overall, cadres, lists, warnings, `<track>-<group>`. */
  id: string;
  /** Shown in the XLSX workbook (cadres: one sheet per cadre group instead). */
  sheets?: Table[];
}

export interface Report {
  raceName: string;
  season: string;
  period: { id: string; name: string };
  version: number;
  source: 'live' | 'published';
  /** Decimals of scores in the text of the report (the scheme's `report.decimals`, default 2). */
  decimals: number;
  title: string;
  tables: ReportTable[];
  summary: string[];
  /** Per group: overall rows in order (for the PDF). */
  overall: Array<{ group: string; rows: Array<{ unit: string; row: Row }> }>;
  boards: Array<{ track: string; group: string; rows: Array<{ unit: string; row: Row }> }>;
}

const FLAG: Record<string, string> = { red: '流动红旗', yellow: '黄旗' };
const LIGHT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const LIST: Record<string, string> = { red: '红榜', black: '黑榜' };
const label = (m: Record<string, string>, v: string | null) => (v === null ? null : (m[v] ?? v));
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const signed = (n: number | null) => (n === null ? null : n);

export function buildReport(input: { scheme: Scheme; engine: Engine; standings: Standings; period: string; source: 'live' | 'published' }): Report {
  const { scheme, engine, standings: s, period: pid, source } = input;
  const period = scheme.season.periods.find((p) => p.id === pid)!;
  const unitName = new Map(scheme.units.map((u) => [u.id, u.name]));
  const trackName = new Map(scheme.tracks.map((t) => [t.id, t.name]));
  const name = (u: string) => unitName.get(u) ?? u;
  const ordered = (key: string) => {
    const b = s.boards[key];
    return b ? orderRows(b.rows).map(([unit, row]) => ({ unit, row })) : [];
  };

  const tables: ReportTable[] = [];
  const overallOut: Report['overall'] = [];
  const boardsOut: Report['boards'] = [];

  // Overall (综合), all groups in one table.
  const trackIds = scheme.tracks.map((t) => t.id);
  const overallRows: Value[][] = [];
  for (const g of scheme.groups) {
    const rows = ordered(boardKey({ kind: 'overall', period: pid, track: null, group: g.id }));
    if (!rows.length) continue;
    overallOut.push({ group: g.id, rows });
    for (const { unit, row } of rows) {
      const perTrack = trackIds.map((t) => (g.tracks.includes(t) ? (s.boards[boardKey({ kind: 'track', period: pid, track: t, group: g.id })]?.rows[unit]?.score ?? null) : null));
      overallRows.push([g.name, row.rank, unit, name(unit), row.score, ...perTrack, row.prevRank, signed(row.change), row.grade, label(FLAG, row.flag), label(LIST, row.list), row.warning ? '是' : null, row.vetoed ? '是' : null]);
    }
  }
  tables.push({
    id: 'overall',
    name: '综合排名',
    header: ['分组', '排名', '单位编码', '单位名称', '综合得分', ...scheme.tracks.map((t) => `${t.name}得分`), '上期排名', '进位', '等次', '红黄旗', '红黑榜', '约谈', '一票否决'],
    rows: overallRows,
  });

  // One table per track × group.
  for (const t of scheme.tracks) {
    for (const g of scheme.groups) {
      if (!g.tracks.includes(t.id)) continue;
      const rows = ordered(boardKey({ kind: 'track', period: pid, track: t.id, group: g.id }));
      if (!rows.length) continue;
      boardsOut.push({ track: t.id, group: g.id, rows });
      const codes = groupIndicators(scheme, g.id, t.id);
      const inds = t.indicators.filter((i) => codes.includes(i.code));
      const out: Value[][] = rows.map(({ unit, row }) => {
        const ex = engine.explainUnit(pid, t.id, unit);
        return [row.rank, unit, name(unit), ...indicatorCells(ex, inds.map((i) => i.code)), ...adjustmentCells(ex), row.score, row.prevRank, signed(row.change), row.grade, label(FLAG, row.flag), label(LIGHT, row.light), label(LIST, row.list), row.warning ? '是' : null];
      });
      tables.push({
        id: `${t.id}-${g.id}`,
        name: `${t.name}-${g.name}`,
        header: [
          '排名',
          '单位编码',
          '单位名称',
          ...inds.flatMap((i) => [`${i.name}${i.measure ? `（${i.measure}）` : ''}`, `${i.name}得分`]),
          '加分',
          '扣分',
          '免责事项',
          '一票否决',
          '总分',
          '上期排名',
          '进位',
          '等次',
          '红黄旗',
          '亮灯',
          '红黑榜',
          '约谈',
        ],
        rows: out,
      });
    }
  }

  // Cadres: one sheet per cadre group, one CSV with the group as a column.
  const cadreById = new Map(scheme.cadres.map((c) => [c.id, c]));
  const cadreSheets: Table[] = [];
  const cadreRows: Value[][] = [];
  for (const cg of scheme.cadreGroups) {
    const b = s.cadres[cadreBoardKey(pid, cg.id)];
    if (!b) continue;
    const rows = Object.entries(b.rows).sort((a, b2) => a[1].rank - b2[1].rank || (a[0] < b2[0] ? -1 : 1));
    const body = rows.map(([id, r]) => {
      const c = cadreById.get(id);
      return [r.rank, id, c?.name ?? id, c ? name(c.unit) : null, c?.title ?? null, r.score, r.prevRank, signed(r.change)] as Value[];
    });
    cadreSheets.push({ name: `干部-${cg.name}`, header: ['排名', '干部编码', '姓名', '单位', '职务', '得分', '上期排名', '进位'], rows: body });
    for (const r of body) cadreRows.push([cg.name, ...r]);
  }
  tables.push({ id: 'cadres', name: '干部排名', header: ['干部组', '排名', '干部编码', '姓名', '单位', '职务', '得分', '上期排名', '进位'], rows: cadreRows, sheets: cadreSheets });

  // 红黑榜 and 约谈 over the track and overall boards of the period.
  const listRows: Value[][] = [];
  const warnRows: Value[][] = [];
  const k = scheme.rules.warningAfter;
  for (const g of scheme.groups) {
    const boards: Array<[string, string]> = [
      [boardKey({ kind: 'overall', period: pid, track: null, group: g.id }), '综合'],
      ...g.tracks.map((t) => [boardKey({ kind: 'track', period: pid, track: t, group: g.id }), trackName.get(t) ?? t] as [string, string]),
    ];
    for (const [key, boardName] of boards) {
      const rows = ordered(key);
      for (const kind of ['red', 'black'] as const) {
        for (const { unit, row } of rows.filter((x) => x.row.list === kind)) listRows.push([g.name, boardName, LIST[kind]!, row.rank, unit, name(unit), row.score]);
      }
      for (const { unit, row } of rows.filter((x) => x.row.warning)) warnRows.push([g.name, boardName, unit, name(unit), row.rank, row.score, `连续 ${k} 期末位`]);
    }
  }
  tables.push({ id: 'lists', name: '红黑榜', header: ['分组', '榜单', '类别', '排名', '单位编码', '单位名称', '得分'], rows: listRows });
  tables.push({ id: 'warnings', name: '约谈名单', header: ['分组', '榜单', '单位编码', '单位名称', '排名', '得分', '原因'], rows: warnRows });

  const decimals = reportDecimals(scheme);
  const summary = summarise(scheme, overallOut, boardsOut, name, listRows.length, warnRows.length, decimals);
  return {
    raceName: scheme.name,
    season: scheme.season.name,
    period: { id: period.id, name: period.name },
    version: s.version,
    source,
    decimals,
    // "2026年度一线赛马" + "11月" + "通报", not "…赛马11月赛马通报".
    title: `${scheme.name}${period.name}${scheme.name.endsWith('赛马') ? '' : '赛马'}通报`,
    tables,
    summary,
    overall: overallOut,
    boards: boardsOut,
  };
}

function indicatorCells(ex: UnitExplanation | null, codes: string[]): Value[] {
  return codes.flatMap((code) => {
    const p = ex?.parts.find((x) => x.kind === 'indicator' && x.code === code);
    if (!p || p.kind !== 'indicator') return [null, null];
    return [p.value === null ? '未报送' : p.value, p.points];
  });
}

function adjustmentCells(ex: UnitExplanation | null): Value[] {
  const bonus = ex?.parts.find((p) => p.kind === 'bonus');
  const ded = ex?.parts.find((p) => p.kind === 'deduction');
  const waived = ded?.kind === 'deduction' ? ded.items.filter((i) => i.waived > 0 || i.decision === 'clarified' || i.decision === 'accepted' || i.decision === 'partial') : [];
  const waivedText = [
    ...waived.map((i) => `${i.reason}：${i.decision === 'clarified' ? '澄清正名' : `免除 ${r4(i.waived)} 分`}${i.reference ? `（${i.reference}）` : ''}`),
    ...(ex?.vetoes ?? []).filter((v) => v.lifted).map((v) => `一票否决「${v.reason}」已免除${v.reference ? `（${v.reference}）` : ''}`),
  ].join('；');
  const vetoes = (ex?.vetoes ?? []).filter((v) => !v.lifted);
  return [bonus?.points ?? 0, ded ? -ded.points : 0, waivedText || null, vetoes.length ? `是：${vetoes.map((v) => v.reason).join('；')}` : null];
}

/** A few sentences for the 通报: the leaders, who climbed and fell most, lists and warnings. */
function summarise(scheme: Scheme, overall: Report['overall'], boards: Report['boards'], name: (u: string) => string, lists: number, warnings: number, decimals: number): string[] {
  const groupName = new Map(scheme.groups.map((g) => [g.id, g.name]));
  const trackName = new Map(scheme.tracks.map((t) => [t.id, t.name]));
  const out: string[] = [];
  const all = overall.flatMap((o) => o.rows.map((r) => ({ ...r, group: o.group })));
  if (!all.length) return ['本期尚无排名数据。'];
  for (const o of overall) {
    const top = o.rows.filter((r) => r.row.rank === 1);
    out.push(`${groupName.get(o.group)}综合排名第一：${top.map((t) => `${name(t.unit)}（${fixed(t.row.score, decimals)} 分）`).join('、')}。`);
  }
  const moved = all.filter((r) => r.row.change !== null && r.row.change !== 0);
  const best = Math.max(0, ...moved.map((r) => r.row.change!));
  const worst = Math.min(0, ...moved.map((r) => r.row.change!));
  if (best > 0) out.push(`进位最多：${moved.filter((r) => r.row.change === best).map((r) => `${name(r.unit)}（${groupName.get(r.group)}）`).join('、')}，较上期上升 ${best} 位。`);
  if (worst < 0) out.push(`退位最多：${moved.filter((r) => r.row.change === worst).map((r) => `${name(r.unit)}（${groupName.get(r.group)}）`).join('、')}，较上期下降 ${-worst} 位。`);
  if (best === 0 && worst === 0) out.push('与上期相比，综合排名没有变化（或尚无上期排名）。');
  const tops = boards.map((b) => `${trackName.get(b.track)}·${groupName.get(b.group)}：${b.rows.filter((r) => r.row.rank === 1).map((r) => name(r.unit)).join('、')}`);
  if (tops.length) out.push(`各赛道第一名——${tops.join('；')}。`);
  const vetoed = all.filter((r) => r.row.vetoed).map((r) => name(r.unit));
  if (vetoed.length) out.push(`被一票否决：${vetoed.join('、')}。`);
  out.push(`本期红黑榜共 ${lists} 个席位，约谈提醒 ${warnings} 项。`);
  return out;
}
