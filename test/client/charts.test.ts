import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { barRaceBase, barRaceData, changeArrow, topRows, type BarRaceLabels } from '../../client/src/charts/bar-race.ts';
import { lightCells, lightLegend, lightRuleText, lightsRows, lightText, type LightRuleWords } from '../../client/src/charts/lights-matrix.ts';
import { trendOption } from '../../client/src/charts/trend.ts';
import { escapeHtml, plainLabel } from '../../client/src/lib/escape.ts';
import type { Row } from '../../shared/standings.ts';
import { board, KEY, row, standingsAt } from './fixtures.ts';

const XSS = '<img src=x onerror=alert(1)>';
const NAMES: Record<string, string> = { a: '城关镇', b: XSS, c: '{b}|{c} 镇', d: '丁镇' };
const labels: BarRaceLabels = { name: (id) => NAMES[id] ?? id, red: '红旗', yellow: '黄旗', vetoed: '否决', warning: '约谈', noData: '未报送' };

type Series = { data: Array<{ value: number; name: string; label: { formatter: string } }>; tooltip: { formatter: (p: { name?: string }) => string } };
type YAxis = { data: string[]; axisLabel: { formatter: (v: string) => string } };

function rows(n: number): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (let i = 0; i < n; i++) out[`u${String(i).padStart(3, '0')}`] = row(i + 1, 100 - i);
  return out;
}

/** Renders an option server-side to SVG, as a browser would draw it. */
function renderSvg(...options: EChartsOption[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 600 });
  for (const o of options) chart.setOption({ ...o, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('bar race', () => {
  const b = board({
    a: row(1, 95.5, { flag: 'red', change: 2 }),
    b: row(2, 90, { change: -1 }),
    c: row(3, 80, { flag: 'yellow', warning: true, change: 0 }),
    d: row(4, 99, { vetoed: true }),
  });

  it('feeds only the top N bars in rank order, at most 50', () => {
    expect(topRows(board(rows(80)), 20)).toHaveLength(20);
    expect(topRows(board(rows(80)), 500)).toHaveLength(50);
    const ids = topRows(b, 10).map(([id]) => id);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    const data = barRaceData(board(rows(80)), labels, { topN: 50 });
    expect((data.series as Series[])[0]?.data).toHaveLength(50);
    expect((data.yAxis as YAxis).data[0]).toBe('u000');
  });

  it('uses realtimeSort in the base and only data in updates', () => {
    const base = barRaceBase({ topN: 20 });
    expect((base.series as Array<{ realtimeSort: boolean }>)[0]?.realtimeSort).toBe(true);
    expect((base.tooltip as { renderMode: string }).renderMode).toBe('richText');
    const data = barRaceData(b, labels, { topN: 20 });
    expect(Object.keys(data).sort()).toEqual(['series', 'yAxis']);
  });

  it('labels scores, flags, veto and 约谈; arrows for rank change', () => {
    const s = (barRaceData(b, labels, { topN: 20 }).series as Series[])[0]!;
    expect(s.data[0]?.label.formatter).toBe('95.50 {red|红旗}');
    expect(s.data[2]?.label.formatter).toBe('80.00 {yellow|黄旗} {warn|约谈}');
    expect(s.data[3]).toMatchObject({ value: 0, label: { formatter: '99.00 {veto|否决}' } });
    const y = barRaceData(b, labels, { topN: 20 }).yAxis as YAxis;
    expect(y.axisLabel.formatter('a')).toBe('{name|城关镇}{up|▲2}');
    expect(y.axisLabel.formatter('b')).toContain('{down|▼1}');
    expect(changeArrow(0)).toBe('–');
    expect(changeArrow(null)).toBe('');
  });

  it('keeps names inert: no HTML, no rich-text or template injection', () => {
    const data = barRaceData(b, labels, { topN: 20 });
    const y = data.yAxis as YAxis;
    expect(y.axisLabel.formatter('c')).toBe('{name|｛b｝｜｛c｝ 镇}{same|–}');
    const tip = (data.series as Series[])[0]!.tooltip.formatter({ name: 'b' });
    expect(tip).toBe(`${XSS}\n#2  90.00  ▼1`); // plain text in a richText tooltip: never parsed as HTML
    const svg = renderSvg(barRaceBase({ topN: 20 }), data);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x oner');
    expect(svg).toContain('城关镇');
  });

  it('pages through a large group and names every bar it draws', () => {
    const big = board(rows(40));
    expect(topRows(big, 20, 20).map(([id]) => id)).toEqual(Array.from({ length: 20 }, (_, i) => `u${String(i + 20).padStart(3, '0')}`));
    const names = (id: string) => `县人力资源和社会保障局${id}`;
    const svg = renderSvg(barRaceBase({ topN: 20, fontSize: 18 }), barRaceData(big, { ...labels, name: names }, { topN: 20, offset: 20 }));
    // 20 bars in 600 px: each name is drawn (no automatic skipping of every other label).
    for (let i = 20; i < 40; i++) expect(svg).toContain(names(`u${String(i).padStart(3, '0')}`));
    expect(svg).not.toContain(names('u019'));
  });

  it('draws a complete chart without a DOM', () => {
    const svg = renderSvg(barRaceBase({ topN: 20, max: 105 }), barRaceData(b, labels, { topN: 20 }));
    expect(svg).toContain('95.50');
    expect(svg).toContain('红旗');
    expect(svg).toContain('▲2');
  });
});

describe('lights matrix', () => {
  const s = standingsAt(3, { a: row(1, 90, { light: 'green' }), b: row(2, 50, { light: 'red' }) });
  const inp = {
    standings: s,
    period: 'm01',
    group: 'towns',
    units: [
      { id: 'a', name: 'A镇' },
      { id: 'b', name: XSS },
      { id: 'z', name: 'Z镇' },
    ],
    tracks: [
      { id: 'proj', name: '项目建设' },
      { id: 'other', name: '乡村振兴' },
    ],
    labels: { green: '绿', yellow: '黄', red: '红', none: '无' },
  };

  it('has one cell per unit × track, with a text label for every light', () => {
    expect(KEY).toBe('track|m01|proj|towns');
    const cells = lightCells(inp);
    expect(cells).toHaveLength(6);
    expect(cells.slice(0, 3)).toEqual([
      [0, 0, 0, 1],
      [0, 1, 2, 2],
      [0, 2, -1, null],
    ]);
    expect(lightText(2, 2, inp.labels)).toBe('红 2');
    expect(lightText(-1, null, inp.labels)).toBe('无');
  });

  it('gives every unit a row with one labelled cell per track, names whole', () => {
    const units = Array.from({ length: 20 }, (_, i) => ({ id: `u${i}`, name: `县人力资源和社会保障局${i}` }));
    const rows = lightsRows({ ...inp, units });
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.cells.length === 2)).toBe(true);
    expect(rows[19]!.name).toBe('县人力资源和社会保障局19');
    const mine = lightsRows(inp);
    expect(mine[0]!.cells.map((c) => [c.light, c.text])).toEqual([
      ['green', '绿 1'],
      [null, '无'],
    ]);
    expect(mine[1]!.cells[0]).toEqual({ light: 'red', text: '红 2' });
    // Names stay as given (the table renders them as text, never as HTML).
    expect(mine[1]!.name).toBe(XSS);
  });

  const words: LightRuleWords = {
    short: { progress: '序时进度', score: '得分', rank: '名次' },
    progress: (i, r, y) => `序时进度（${i}）${r}/${y}`,
    score: (r, y) => `得分 <${r}/<${y}`,
    rank: (r, y) => `名次 ${r}%/${y}%`,
  };

  it('names each rule in words, one legend line per rule', () => {
    expect(lightRuleText({ mode: 'progress', indicator: 'P03', indicatorName: '项目建设序时进度', red: 30, yellow: 10 }, words)).toBe('序时进度（项目建设序时进度）30/10');
    expect(lightRuleText({ mode: 'progress', indicator: 'P03', red: 30, yellow: 10 }, words)).toBe('序时进度（P03）30/10');
    expect(lightRuleText({ mode: 'score', redBelow: 70, yellowBelow: 80 }, words)).toBe('得分 <70/<80');
    expect(lightRuleText({ mode: 'rank', redShare: 0.1, yellowShare: 0.2 }, words)).toBe('名次 10%/20%');
    const legend = lightLegend(
      [
        { name: '乡村振兴', light: { mode: 'rank', redShare: 0.1, yellowShare: 0.2 } },
        { name: '项目建设', light: { mode: 'progress', indicator: 'P03', red: 30, yellow: 10 } },
        { name: '为企服务', light: { mode: 'rank', redShare: 0.1, yellowShare: 0.2 } },
        { name: '基层治理', light: { mode: 'score', redBelow: 70, yellowBelow: 80 } },
        { name: '无规则' },
      ],
      words,
      '、',
    );
    expect(legend).toEqual([
      { names: '乡村振兴、为企服务', text: '名次 10%/20%' },
      { names: '项目建设', text: '序时进度（P03）30/10' },
      { names: '基层治理', text: '得分 <70/<80' },
    ]);
  });
});

describe('trend', () => {
  it('plots score and inverted rank with gaps for missing periods', () => {
    const o = trendOption(
      [
        { label: '1月', score: 80, rank: 3 },
        { label: '2月', score: null, rank: null },
        { label: '3月', score: 90, rank: 1 },
      ],
      { title: XSS, scoreName: '得分', rankName: '名次' },
    );
    const series = o.series as Array<{ data: Array<number | null> }>;
    expect(series[0]?.data).toEqual([80, null, 90]);
    expect(series[1]?.data).toEqual([3, null, 1]);
    expect((o.yAxis as Array<{ inverse?: boolean }>)[1]?.inverse).toBe(true);
    const always1 = trendOption([{ label: '1月', score: 90, rank: 1 }, { label: '2月', score: 91, rank: 1 }], { title: '', scoreName: '', rankName: '' });
    expect((always1.yAxis as Array<{ min?: number; max?: number }>)[1]).toMatchObject({ min: 1, max: 2 });
    const svg = renderSvg(o);
    expect(svg).not.toContain('<img');
  });
});

describe('escape', () => {
  it('escapes HTML and rich-text syntax', () => {
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
    expect(plainLabel('{a|b}')).toBe('｛a｜b｝');
    expect(plainLabel('x'.repeat(50), 10)).toHaveLength(10);
  });
});
