/** Which board a slide shows, and which period is "now". */
import { boardKey, parseBoardKey, type Board, type Standings } from '../../../shared/standings.ts';
import type { Meta } from '../lib/meta.ts';
import type { Slide } from './rotation.ts';

/**
 * The period on screen: a fixed one, else the season's current period when it has boards, else
 * the latest period (in season order) that has any board, else the first period.
 */
export function livePeriod(meta: Meta, s: Standings | null, fixed: string | null = null): string | null {
  if (fixed) return fixed;
  const withData = new Set<string>();
  for (const k of Object.keys(s?.boards ?? {})) {
    const ref = parseBoardKey(k);
    if (ref?.period) withData.add(ref.period);
  }
  const cur = meta.season.currentPeriod;
  if (cur && withData.has(cur)) return cur;
  for (let i = meta.periods.length - 1; i >= 0; i--) {
    const p = meta.periods[i];
    if (p && withData.has(p.id)) return p.id;
  }
  if (!meta.periods.length && withData.size) return [...withData].sort().at(-1) ?? null;
  return cur ?? meta.periods[0]?.id ?? null;
}

/** Key of the board for a slide: a track or the overall board, of a period or of the season. */
export function slideKey(slide: Slide, period: string | null, scope: 'period' | 'season'): string {
  if (scope === 'season') {
    return boardKey({ kind: slide.track ? 'season' : 'season-overall', period: null, track: slide.track, group: slide.group });
  }
  return boardKey({ kind: slide.track ? 'track' : 'overall', period, track: slide.track, group: slide.group });
}

export function slideBoard(s: Standings | null, slide: Slide, period: string | null, scope: 'period' | 'season'): Board | undefined {
  return s?.boards[slideKey(slide, period, scope)];
}
