/** Translated labels for the chart builders. */
import type { BarRaceLabels } from '../charts/bar-race.ts';
import type { LightsInput } from '../charts/lights-matrix.ts';

type T = (key: string) => string;

export function barLabels(t: T, name: (id: string) => string): BarRaceLabels {
  return { name, red: t('marks.red'), yellow: t('marks.yellow'), vetoed: t('marks.vetoed'), warning: t('marks.warning'), noData: t('marks.noData') };
}

export function lightLabels(t: T): LightsInput['labels'] {
  return { green: t('lights.green'), yellow: t('lights.yellow'), red: t('lights.red'), none: t('lights.none') };
}

/** Font size for a bar count: fewer bars, larger text. */
export function barFont(n: number, quad = false): number {
  const f = n <= 10 ? 24 : n <= 15 ? 22 : n <= 20 ? 20 : n <= 30 ? 16 : 13;
  return quad ? Math.max(12, f - 4) : f;
}
