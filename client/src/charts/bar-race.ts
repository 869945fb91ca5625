/**
 * Bar race (赛马) option builders: `barRaceBase` once, then `barRaceData` merged on every
 * version (data only — ECharts animates the reordering with `realtimeSort`). Names go through
 * `plainLabel` and every formatter returns plain text, so no user text is ever parsed as HTML.
 */
import type { EChartsOption } from 'echarts';
import type { Board, Row } from '../../../shared/standings.ts';
import { orderRows } from '../../../shared/standings.ts';
import { plainLabel } from '../lib/escape.ts';
import { barColor, DARK } from './theme.ts';

export const MAX_BARS = 50;

export interface BarRaceLabels {
  /** Unit id → display name. */
  name: (unit: string) => string;
  red: string;
  yellow: string;
  vetoed: string;
  warning: string;
  noData: string;
}

export interface BarRaceOptions {
  /** Bars shown, clamped to [1, MAX_BARS]. */
  topN: number;
  /** Axis maximum (e.g. 100 + bonus cap); default: fitted to the data. */
  max?: number;
  /** Font scale for the bar count (fewer bars → larger text). */
  fontSize?: number;
  /** Rows skipped before the first bar (paging through a large group). */
  offset?: number;
}

/** Rank change as an arrow: ▲2 (climbed), ▼1 (fell), – (same), '' (no previous rank). */
export function changeArrow(change: number | null): string {
  if (change === null) return '';
  if (change > 0) return `▲${change}`;
  if (change < 0) return `▼${-change}`;
  return '–';
}

/** The rows a bar race shows: display order, N rows from `offset` (0: the top N). */
export function topRows(board: Board | undefined, topN: number, offset = 0): Array<[string, Row]> {
  if (!board) return [];
  const n = Math.max(1, Math.min(MAX_BARS, Math.floor(topN) || 1));
  const from = Math.max(0, Math.floor(offset) || 0);
  return orderRows(board.rows).slice(from, from + n);
}

/** Plain-text marks after the score: flag, veto, 约谈, 未报送. */
export function rowMarks(r: Row, l: BarRaceLabels): string[] {
  const marks: string[] = [];
  if (r.flag === 'red') marks.push(`{red|${l.red}}`);
  if (r.flag === 'yellow') marks.push(`{yellow|${l.yellow}}`);
  if (r.vetoed) marks.push(`{veto|${l.vetoed}}`);
  if (r.warning) marks.push(`{warn|${l.warning}}`);
  if (!r.hasData) marks.push(`{veto|${l.noData}}`);
  return marks;
}

/** Static part of the option: axes, styles, animation. Set once with `notMerge`. */
export function barRaceBase(opts: BarRaceOptions): EChartsOption {
  const fs = opts.fontSize ?? 20;
  const n = Math.max(1, Math.min(MAX_BARS, Math.floor(opts.topN) || 1));
  return {
    backgroundColor: 'transparent',
    animationDuration: 0,
    animationDurationUpdate: 700,
    animationEasing: 'linear',
    animationEasingUpdate: 'linear',
    grid: { left: 8, right: 150, top: 8, bottom: 24, containLabel: true },
    tooltip: { show: true, renderMode: 'richText', trigger: 'item', backgroundColor: DARK.panel, textStyle: { color: DARK.text } },
    xAxis: {
      type: 'value',
      min: 0,
      ...(opts.max !== undefined ? { max: opts.max } : { max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 20) * 20) }),
      splitLine: { lineStyle: { color: DARK.grid } },
      axisLabel: { color: DARK.muted, fontSize: Math.round(fs * 0.7) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      max: n - 1,
      animationDuration: 300,
      animationDurationUpdate: 300,
      axisLine: { lineStyle: { color: DARK.grid } },
      axisTick: { show: false },
      axisLabel: {
        color: DARK.text,
        fontSize: fs,
        // Every bar keeps its name: the layout sizes bars so that the names fit (no auto-skip).
        interval: 0,
        rich: {
          name: { color: DARK.text, fontSize: fs },
          up: { color: DARK.up, fontSize: Math.round(fs * 0.8), padding: [0, 0, 0, 6] },
          down: { color: DARK.down, fontSize: Math.round(fs * 0.8), padding: [0, 0, 0, 6] },
          same: { color: DARK.muted, fontSize: Math.round(fs * 0.8), padding: [0, 0, 0, 6] },
        },
      },
      data: [],
    },
    series: [
      {
        type: 'bar',
        id: 'race',
        realtimeSort: true,
        barMaxWidth: 48,
        barCategoryGap: '28%',
        itemStyle: { borderRadius: [0, 6, 6, 0] },
        label: {
          show: true,
          position: 'right',
          valueAnimation: false,
          color: DARK.text,
          fontSize: fs,
          fontWeight: 'bold',
          rich: {
            red: { color: '#fff', backgroundColor: DARK.red, borderRadius: 3, padding: [2, 4], fontSize: Math.round(fs * 0.7) },
            yellow: { color: '#000', backgroundColor: DARK.yellow, borderRadius: 3, padding: [2, 4], fontSize: Math.round(fs * 0.7) },
            veto: { color: '#fff', backgroundColor: DARK.veto, borderRadius: 3, padding: [2, 4], fontSize: Math.round(fs * 0.7) },
            warn: { color: '#fff', backgroundColor: '#d46b08', borderRadius: 3, padding: [2, 4], fontSize: Math.round(fs * 0.7) },
          },
        },
        data: [],
      },
    ],
  };
}

interface BarDatum {
  value: number;
  name: string;
  itemStyle: { color: string };
  label: { formatter: string };
}

/**
 * The data part of the option for one board. Categories are unit ids (stable identities for
 * `realtimeSort`); the axis formatter maps them to escaped names with 进位/退位 arrows. Vetoed
 * units rank last whatever their score, so their bar is drawn at 0 with the score in the label.
 */
export function barRaceData(board: Board | undefined, l: BarRaceLabels, opts: BarRaceOptions): EChartsOption {
  const rows = topRows(board, opts.topN, opts.offset);
  const info = new Map(rows);
  const data: BarDatum[] = rows.map(([id, r]) => {
    const score = r.score.toFixed(2);
    const marks = rowMarks(r, l);
    return {
      value: r.vetoed ? 0 : r.score,
      name: id,
      itemStyle: { color: barColor(r.rank, r.vetoed) },
      // A fixed string (no `{c}` template): the score is formatted here, marks use rich styles.
      label: { formatter: [score, ...marks].join(' ') },
    };
  });
  return {
    yAxis: {
      data: rows.map(([id]) => id),
      axisLabel: {
        formatter: (id: string) => {
          const r = info.get(id);
          const name = `{name|${plainLabel(l.name(id), 16)}}`;
          if (!r || r.change === null) return name;
          const style = r.change > 0 ? 'up' : r.change < 0 ? 'down' : 'same';
          return `${name}{${style}|${changeArrow(r.change)}}`;
        },
      },
    },
    series: [
      {
        id: 'race',
        data,
        // One series-level formatter instead of an object per bar keeps the merge light.
        tooltip: {
          formatter: (p: { name?: string }) => {
            const r = p.name === undefined ? undefined : info.get(p.name);
            if (!r || p.name === undefined) return '';
            return `${plainLabel(l.name(p.name))}\n#${r.rank}  ${r.score.toFixed(2)}${r.change ? `  ${changeArrow(r.change)}` : ''}`;
          },
        },
      },
    ],
  };
}
