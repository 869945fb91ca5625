/**
 * Rank and score over time for one unit (or cadre): score on the left axis, rank on an
 * inverted right axis (1 at the top). Points without data are gaps, not zeros.
 */
import type { EChartsOption } from 'echarts';
import { plainLabel } from '../lib/escape.ts';

export interface TrendPoint {
  label: string;
  score: number | null;
  rank: number | null;
}

export interface TrendOptions {
  title: string;
  scoreName: string;
  rankName: string;
  dark?: boolean;
}

/** Option for a score line and a rank line across periods. */
export function trendOption(points: TrendPoint[], o: TrendOptions): EChartsOption {
  const text = o.dark ? '#e6f0ff' : '#303133';
  const muted = o.dark ? '#8fa6cc' : '#909399';
  // At least 1..2, so a unit always first still has rank 1 at the top of the inverted axis.
  const maxRank = Math.max(2, ...points.map((p) => p.rank ?? 1));
  return {
    backgroundColor: 'transparent',
    title: { text: plainLabel(o.title, 60), textStyle: { color: text, fontSize: 14 }, left: 0 },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { data: [o.scoreName, o.rankName], right: 0, top: 0, textStyle: { color: muted } },
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => plainLabel(p.label, 6)), axisLabel: { color: muted, interval: 0, hideOverlap: true } },
    yAxis: [
      { type: 'value', min: (v: { min: number }) => Math.floor(v.min - 5), axisLabel: { color: muted } },
      { type: 'value', inverse: true, min: 1, max: maxRank, minInterval: 1, axisLabel: { color: muted }, splitLine: { show: false } },
    ],
    series: [
      { type: 'line', name: o.scoreName, yAxisIndex: 0, data: points.map((p) => p.score), connectNulls: false, symbolSize: 6, label: { show: true, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? p.value.toFixed(1) : '') } },
      { type: 'line', name: o.rankName, yAxisIndex: 1, data: points.map((p) => p.rank), connectNulls: false, symbolSize: 6, lineStyle: { type: 'dashed' }, label: { show: false } },
    ],
  };
}
