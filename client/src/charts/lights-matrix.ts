/**
 * Lights matrix (亮灯): units × tracks. Every cell carries a text label (绿/黄/红 and the rank),
 * so the signal never depends on colour alone, and every track says by which rule it is lit
 * (序时进度, score bands or rank share), since tracks side by side may use different rules.
 * Pure builders; the wall display draws the rows as a DOM table, a page at a time.
 */
import type { Light, Standings } from '../../../shared/standings.ts';
import { boardKey } from '../../../shared/standings.ts';
import type { TrackLight } from '../lib/meta.ts';

export interface LightsInput {
  standings: Standings | null;
  period: string;
  group: string;
  units: Array<{ id: string; name: string }>;
  tracks: Array<{ id: string; name: string }>;
  labels: Record<Light | 'none', string>;
}

const LEVEL: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
const LIGHTS: Array<Light> = ['green', 'yellow', 'red'];

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

export interface LightsRow {
  unit: string;
  name: string;
  cells: Array<{ light: Light | null; text: string }>;
}

/** The matrix as table rows (unit order as given), one cell per track. */
export function lightsRows(inp: LightsInput): LightsRow[] {
  const cells = lightCells(inp);
  const n = inp.units.length;
  return inp.units.map((u, y) => ({
    unit: u.id,
    name: u.name,
    cells: inp.tracks.map((_, x) => {
      const c = cells[x * n + y]!;
      return { light: c[2] >= 0 ? LIGHTS[c[2]]! : null, text: lightText(c[2], c[3], inp.labels) };
    }),
  }));
}

/** Words for the rule legend, in the display's language. */
export interface LightRuleWords {
  /** Short rule names for column heads: 序时进度 / 得分 / 名次. */
  short: Record<TrackLight['mode'], string>;
  progress: (indicator: string, red: number, yellow: number) => string;
  score: (redBelow: number, yellowBelow: number) => string;
  rank: (redPct: number, yellowPct: number) => string;
}

const pct = (share: number): number => Math.round(share * 1000) / 10;

/** The rule of a track in words, e.g. "序时进度（项目投资完成率）：落后超过 30 个百分点红，10–30 黄". */
export function lightRuleText(rule: TrackLight, w: LightRuleWords): string {
  if (rule.mode === 'progress') return w.progress(rule.indicatorName ?? rule.indicator, rule.red, rule.yellow);
  if (rule.mode === 'score') return w.score(rule.redBelow, rule.yellowBelow);
  return w.rank(pct(rule.redShare), pct(rule.yellowShare));
}

/** One legend line per distinct rule, naming the tracks lit by it ("乡村振兴、为企服务：按组内名次…"). */
export function lightLegend(tracks: Array<{ name: string; light?: TrackLight }>, w: LightRuleWords, join: string): Array<{ names: string; text: string }> {
  const by = new Map<string, string[]>();
  for (const tr of tracks) {
    if (!tr.light) continue;
    const text = lightRuleText(tr.light, w);
    by.set(text, [...(by.get(text) ?? []), tr.name]);
  }
  return [...by].map(([text, names]) => ({ names: names.join(join), text }));
}
