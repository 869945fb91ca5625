/**
 * URL parameters of the wall display (documented in docs/screen.md), parsed defensively: a bad
 * value falls back to its default, never to an error page.
 */
export type PanelId = 'lists' | 'lights' | 'overall' | 'ticker';
export const ALL_PANELS: PanelId[] = ['lists', 'lights', 'overall', 'ticker'];

export interface ScreenParams {
  /** Seconds per slide (5–3600). */
  interval: number;
  /** Track ids to rotate through (`overall` for the 综合 board); empty: all. */
  tracks: string[];
  /** Group ids to rotate through; empty: all. */
  groups: string[];
  panels: PanelId[];
  view: 'single' | 'quad';
  mode: 'live' | 'replay';
  /** `period`: the current period's boards; `season`: season totals. */
  scope: 'period' | 'season';
  /** Bars in the race (1–50). */
  top: number;
  /** Fixed period id instead of the current one. */
  period: string | null;
  /** Replay speed: events per second at 1×. */
  speed: number;
}

const list = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s));

function int(v: string | null, d: number, min: number, max: number): number {
  const n = Number(v);
  return v !== null && v !== '' && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : d;
}

/** Reads the screen's parameters from a query string. */
export function parseScreenParams(search: string): ScreenParams {
  const q = new URLSearchParams(search);
  const panels = q.has('panels') ? (list(q.get('panels')).filter((p) => (ALL_PANELS as string[]).includes(p)) as PanelId[]) : ALL_PANELS;
  const period = q.get('period');
  return {
    interval: int(q.get('interval'), 20, 5, 3600),
    tracks: list(q.get('tracks')),
    groups: list(q.get('groups')),
    panels,
    view: q.get('view') === 'quad' ? 'quad' : 'single',
    mode: q.get('mode') === 'replay' ? 'replay' : 'live',
    scope: q.get('scope') === 'season' ? 'season' : 'period',
    top: int(q.get('top'), 20, 1, 50),
    period: period && /^[A-Za-z0-9_.-]{1,64}$/.test(period) ? period : null,
    speed: int(q.get('speed'), 1, 1, 64),
  };
}
