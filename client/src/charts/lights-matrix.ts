/**
 * Lights matrix (亮灯): units × tracks as a heatmap. Every cell carries a text label (绿/黄/红 and
 * the rank), so the signal never depends on colour alone.
 */
import type { EChartsOption } from 'echarts';
import type { Light, Standings } from '../../../shared/standings.ts';
import { boardKey } from '../../../shared/standings.ts';
import { plainLabel } from '../lib/escape.ts';
import { DARK } from './theme.ts';

export interface LightsInput {
  standings: Standings | null;
  period: string;
  group: string;
  units: Array<{ id: string; name: string }>;
  tracks: Array<{ id: string; name: string }>;
  labels: Record<Light | 'none', string>;
  fontSize?: number;
}

const LEVEL: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/** One cell: [track index, unit index, level (-1 none), rank or null]. */
export type LightCell = [number, number, number, number | null];

/** The cells of the matrix, one per unit × track. */
export function lightCells(inp: LightsInput): LightCell[] {
  const cells: LightCell[] = [];
  inp.tracks.forEach((t, x) => {
    const rows = inp.standings?.boards[boardKey({ kind: 'track', period: inp.period, track: t.id, group: inp.group })]?.rows;
    inp.units.forEach((u, y) => {
      const r = rows?.[u.id];
      cells.push([x, y, r?.light ? LEVEL[r.light] : -1, r ? r.rank : null]);
    });
  });
  return cells;
}

/** Text of a cell: the light's name and the rank, e.g. `红 11`. */
export function lightText(level: number, rank: number | null, labels: LightsInput['labels']): string {
  const name = level === 2 ? labels.red : level === 1 ? labels.yellow : level === 0 ? labels.green : labels.none;
  return rank === null ? name : `${name} ${rank}`;
}

/** Unit columns: one up to 12 units, two beyond (so 20 departments stay legible). */
export function lightColumns(units: number): number {
  return units > 12 ? 2 : 1;
}

/**
 * The complete option (small; rebuilt on each version and merged). Long unit lists are split
 * into side-by-side blocks, each its own grid, sharing one piecewise colour map.
 */
export function lightsMatrixOption(inp: LightsInput): EChartsOption {
  const fs = inp.fontSize ?? 14;
  const cols = lightColumns(inp.units.length);
  const per = Math.ceil(inp.units.length / cols) || 1;
  const cells = lightCells(inp);
  const grids = [];
  const xAxes = [];
  const yAxes = [];
  const series = [];
  for (let b = 0; b < cols; b++) {
    const units = inp.units.slice(b * per, (b + 1) * per);
    grids.push({ left: `${(b * 100) / cols + 0.5}%`, width: `${100 / cols - 1}%`, top: 28, bottom: 4, containLabel: true });
    xAxes.push({
      type: 'category' as const,
      gridIndex: b,
      position: 'top' as const,
      data: inp.tracks.map((t) => plainLabel(t.name, cols > 1 ? 4 : 8)),
      axisLabel: { color: DARK.text, fontSize: fs, interval: 0 },
      axisLine: { show: false },
      axisTick: { show: false },
    });
    yAxes.push({
      type: 'category' as const,
      gridIndex: b,
      inverse: true,
      data: units.map((u) => plainLabel(u.name, cols > 1 ? 7 : 10)),
      axisLabel: { color: DARK.text, fontSize: fs, interval: 0 },
      axisLine: { show: false },
      axisTick: { show: false },
    });
    series.push({
      type: 'heatmap' as const,
      id: `lights-${b}`,
      xAxisIndex: b,
      yAxisIndex: b,
      data: cells.filter((c) => c[1] >= b * per && c[1] < (b + 1) * per).map((c): LightCell => [c[0], c[1] - b * per, c[2], c[3]]),
      itemStyle: { borderColor: DARK.bg, borderWidth: 3, borderRadius: 4 },
      label: {
        show: true,
        fontSize: Math.round(fs * 0.9),
        color: '#0b0b0b',
        formatter: (p: { value?: unknown }) => {
          const v = p.value as LightCell;
          return lightText(v[2], v[3], inp.labels);
        },
      },
    });
  }
  return {
    backgroundColor: 'transparent',
    animation: false,
    tooltip: { show: false, renderMode: 'richText' },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    visualMap: {
      show: false,
      type: 'piecewise',
      dimension: 2,
      pieces: [
        { value: -1, color: '#22304d' },
        { value: 0, color: DARK.green },
        { value: 1, color: DARK.yellow },
        { value: 2, color: DARK.red },
      ],
    },
    series,
  };
}
