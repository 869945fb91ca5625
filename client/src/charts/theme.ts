/** Colours of the dark wall-display theme, shared by the chart builders and the CSS. */
export const DARK = {
  bg: '#06122b',
  panel: '#0b1d42',
  text: '#e6f0ff',
  muted: '#8fa6cc',
  grid: '#1c3566',
  accent: '#38d6ff',
  gold: '#ffc53d',
  up: '#ff4d4f',
  down: '#36cfc9',
  red: '#f5222d',
  yellow: '#fadb14',
  green: '#52c41a',
  veto: '#8c8c8c',
} as const;

/** Bar colours by rank tier: gold, silver, bronze, then the accent ramp. */
export const BAR_COLORS = ['#ffc53d', '#d9e2f2', '#e8954a', '#38d6ff', '#2f9bff', '#5b7cff'] as const;

/** Colour of a bar for a 1-based rank. */
export function barColor(rank: number, vetoed: boolean): string {
  if (vetoed) return DARK.veto;
  if (rank <= 3) return BAR_COLORS[rank - 1] ?? DARK.accent;
  return rank <= 10 ? BAR_COLORS[3] : rank <= 25 ? BAR_COLORS[4] : BAR_COLORS[5];
}
