/** A unit's score and rank in every period, from the boards the standings hold. */
import { boardKey, type Standings } from '../../../shared/standings.ts';
import type { TrendPoint } from '../charts/trend.ts';
import type { MetaPeriod } from '../lib/meta.ts';

/**
 * One point per period: the unit's row on the track board (or the overall board when `track`
 * is null) of that period and group; gaps where the period has no board or no row yet.
 */
export function unitTrend(s: Standings | null, periods: MetaPeriod[], track: string | null, group: string, unit: string): TrendPoint[] {
  return periods.map((p) => {
    const key = boardKey({ kind: track ? 'track' : 'overall', period: p.id, track, group });
    const r = s?.boards[key]?.rows[unit];
    return { label: p.name, score: r && r.hasData ? r.score : null, rank: r && r.hasData ? r.rank : null };
  });
}

/** Same for a cadre on the cadre boards (`cadre|P|G`). */
export function cadreTrend(s: Standings | null, periods: MetaPeriod[], cadreGroup: string, cadre: string): TrendPoint[] {
  return periods.map((p) => {
    const r = s?.cadres[`cadre|${p.id}|${cadreGroup}`]?.rows[cadre];
    return { label: p.name, score: r ? r.score : null, rank: r ? r.rank : null };
  });
}
