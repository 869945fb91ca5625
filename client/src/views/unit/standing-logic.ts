/**
 * Pure view logic of the standings part of the unit workspace: point formatting, the gap lines
 * under a rank, 短板 ordering, adjustment states and trend points. No Vue, no DOM: the
 * components turn the message keys returned here into text.
 */
import type { TrendPoint } from '../../charts/trend.ts';
import type { AdjustmentItem, IdName, IndicatorLine, OverallStanding, TrendItem, UnitRef, VetoItem, WaiverInfo } from './types.ts';

/** Points as people read them: at most two decimals, no trailing zeros, never "-0". */
export function fmtPoints(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Name of a unit given as an id or as `{id, name}`. */
export function refName(x: UnitRef | undefined): string {
  if (!x) return '';
  return typeof x === 'string' ? x : x.name || x.id;
}

/** Id of a group or unit given as an id or as `{id, name}`. */
export function refId(x: string | IdName | null | undefined): string {
  if (!x) return '';
  return typeof x === 'string' ? x : x.id;
}

/** A message key with its parameters (numbers already formatted). */
export interface Line {
  key: string;
  params: Record<string, string>;
}

type Gaps = Pick<OverallStanding, 'rank' | 'gapToAbove' | 'gapToLeader' | 'aboveUnit' | 'leaderUnit'> & { vetoed?: boolean };

/**
 * What to say about the distance to the unit above and to the leader: `leader` when first (or
 * tied first), `tied` when level with the unit above, otherwise points behind each (only the
 * leader when the unit above is the leader).
 */
export function gapLines(s: Gaps): Line[] {
  if (s.vetoed) return [{ key: 'unit.gap.vetoed', params: {} }];
  if (s.rank === null) return [{ key: 'unit.gap.noRank', params: {} }];
  const lines: Line[] = [];
  if (s.rank <= 1 || (s.gapToLeader !== null && s.gapToLeader <= 0)) return [{ key: s.rank > 1 ? 'unit.gap.tiedFirst' : 'unit.gap.leader', params: {} }];
  // When the unit above is the leader (or level with it), one line says it all.
  const aboveIsLeader = s.gapToAbove !== null && s.gapToLeader !== null && Math.abs(s.gapToAbove - s.gapToLeader) < 1e-9;
  if (s.gapToAbove !== null && !aboveIsLeader) {
    const above = refName(s.aboveUnit);
    if (s.gapToAbove <= 0) lines.push({ key: 'unit.gap.tied', params: { unit: above } });
    else lines.push({ key: above ? 'unit.gap.aboveNamed' : 'unit.gap.above', params: { points: fmtPoints(s.gapToAbove), unit: above } });
  }
  if (s.gapToLeader !== null) {
    const leader = refName(s.leaderUnit);
    lines.push({ key: leader ? 'unit.gap.leaderNamed' : 'unit.gap.toLeader', params: { points: fmtPoints(s.gapToLeader), unit: leader } });
  }
  return lines;
}

/** 进位 against the previous period, for a tag: direction and absolute places. */
export function changeInfo(change: number | null): { dir: 'up' | 'down' | 'same' | 'none'; places: number } {
  if (change === null) return { dir: 'none', places: 0 };
  if (change > 0) return { dir: 'up', places: change };
  if (change < 0) return { dir: 'down', places: -change };
  return { dir: 'same', places: 0 };
}

export interface BreakdownLine extends IndicatorLine {
  /** Points earned as a percentage of full marks (0–100). */
  percent: number;
  /** Among the indicators that cost the most (短板). */
  short: boolean;
  /** 1-based position among the losses (1 = costs the most); null when nothing lost. */
  lossRank: number | null;
}

/**
 * Indicators ordered by points lost (短板 first): ties by the larger share of full marks lost,
 * then by name. The first `top` with a loss are marked short; nothing lost is never a 短板.
 */
export function breakdown(indicators: IndicatorLine[], top = 3): BreakdownLine[] {
  const lost = (i: IndicatorLine) => (Number.isFinite(i.lost) ? i.lost : Math.max(0, i.fullMarks - i.points));
  const share = (i: IndicatorLine) => (i.fullMarks > 0 ? lost(i) / i.fullMarks : 0);
  const sorted = [...indicators].sort((a, b) => lost(b) - lost(a) || share(b) - share(a) || a.name.localeCompare(b.name, 'zh-CN'));
  let n = 0;
  return sorted.map((i) => {
    const l = lost(i);
    const hasLoss = l > 1e-9;
    const lossRank = hasLoss ? ++n : null;
    const percent = i.fullMarks > 0 ? Math.max(0, Math.min(100, Math.round((i.points / i.fullMarks) * 1000) / 10)) : 0;
    return { ...i, lost: l, percent, short: lossRank !== null && lossRank <= top, lossRank };
  });
}

/** Total points lost and full marks of a breakdown (for the summary line). */
export function breakdownTotals(lines: IndicatorLine[]): { points: number; fullMarks: number; lost: number } {
  return lines.reduce((t, i) => ({ points: t.points + i.points, fullMarks: t.fullMarks + i.fullMarks, lost: t.lost + Math.max(0, i.lost) }), { points: 0, fullMarks: 0, lost: 0 });
}

export type AdjustmentState = 'active' | 'pending' | 'revoked' | 'waived' | 'partlyWaived' | 'cleared';

/**
 * Where a bonus, deduction or veto stands: revoked, waived (容错), partly waived, cleared (澄清正名),
 * or — when `underReview` (a 容错 application on it is not decided yet) — pending. A pending item
 * still counts in full until the decision.
 */
export function adjustmentState(a: { revoked: boolean; waiver: WaiverInfo | null }, underReview = false): AdjustmentState {
  if (a.revoked) return 'revoked';
  const d = a.waiver?.decision;
  if (underReview && (!d || d === 'rejected' || d === 'partial')) return 'pending';
  if (!d) return 'active';
  if (d === 'partial') return 'partlyWaived';
  if (d === 'clarified') return 'cleared';
  return d === 'rejected' ? 'active' : 'waived';
}

/** Points an adjustment still counts for (signed: deductions negative). */
export function effectivePoints(a: AdjustmentItem): number {
  const state = adjustmentState(a);
  const sign = a.kind === 'deduction' ? -1 : 1;
  if (state === 'revoked' || state === 'waived' || state === 'cleared') return 0;
  if (state === 'partlyWaived') return sign * Math.max(0, Math.abs(a.points) - Math.abs(a.waiver?.points ?? 0));
  return sign * Math.abs(a.points);
}

/** Deductions and vetoes that still count: the ones a 容错 application may target. */
export function isOpenPenalty(a: AdjustmentItem | VetoItem): boolean {
  if ('kind' in a && a.kind !== 'deduction') return false;
  const s = adjustmentState(a);
  return s === 'active' || s === 'partlyWaived';
}

/**
 * The bonuses, deductions and vetoes behind one track's score in the period shown, revoked ones
 * left out: vetoes of the track or of every track. Items without a period count as this one's.
 */
export function itemsOf(ws: { period: { id: string }; adjustments: AdjustmentItem[]; vetoes: VetoItem[] }, track: string): Array<AdjustmentItem | VetoItem> {
  const here = (x: { period?: string; revoked: boolean }) => !x.revoked && (x.period === undefined || x.period === ws.period.id);
  return [...ws.vetoes.filter((v) => here(v) && (v.track === null || v.track === track)), ...ws.adjustments.filter((a) => here(a) && a.track === track)];
}

/** Trend points for the chart: overall (track null) or one track, in period order. */
export function trendPoints(trend: TrendItem[], track: string | null): TrendPoint[] {
  return trend.map((p) => {
    const x = track ? p.tracks[track] : { score: p.overallScore, rank: p.overallRank };
    return { label: p.periodName || p.period, score: x?.score ?? null, rank: x?.rank ?? null };
  });
}
