/** Effective indicators: what a group's override (差异化考核) leaves of a track, with marks and method. */
import type { Group, Indicator, Method, Track } from '../scheme.ts';

/** The indicators a group uses on a track after its override (差异化考核), with effective marks and method. */
export interface EffectiveIndicator {
  indicator: Indicator;
  index: number;
  fullMarks: number;
  method: Method;
}

/** The group's view of `track`: the chosen indicators in track order, with overridden full marks and method. */
export function effectiveIndicators(track: Track, group: Group): EffectiveIndicator[] {
  const ov = group.overrides?.[track.id];
  const chosen = ov?.indicators ? new Set(ov.indicators) : null;
  const out: EffectiveIndicator[] = [];
  track.indicators.forEach((indicator, index) => {
    if (chosen && !chosen.has(indicator.code)) return;
    const m = ov?.methods?.[indicator.code];
    out.push({
      indicator,
      index,
      fullMarks: ov?.fullMarks?.[indicator.code] ?? indicator.fullMarks,
      method: m ?? indicator.method,
    });
  });
  return out;
}
