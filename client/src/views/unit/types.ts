/**
 * Shapes of `GET /api/units/:id/workspace` and of appeals (issue 5 HTTP contract). Scores are
 * display numbers (points); `gap*` are points behind.
 */
import type { Appeal } from '../../../../shared/appeals.ts';

export type { Appeal, AppealKind, AppealStatus, AppealTarget, EvidenceFile, ToleranceQuestions } from '../../../../shared/appeals.ts';

export interface IdName {
  id: string;
  name: string;
}

/** A unit named in a reply: an id, or id and name. */
export type UnitRef = string | IdName | null;

export interface IndicatorLine {
  id: string;
  name: string;
  /** Measure unit (%, 万元, 件 …). */
  measure?: string | null;
  value: number | string | null;
  /** Value status from the engine (e.g. missing); excluded from the total when `excluded`. */
  status?: string | null;
  excluded?: boolean;
  points: number;
  fullMarks: number;
  lost: number;
}

export interface TrackStanding {
  track: IdName;
  rank: number | null;
  of: number | null;
  score: number | null;
  fullMarks: number;
  change: number | null;
  grade: string | null;
  flag: 'red' | 'yellow' | null;
  light: 'green' | 'yellow' | 'red' | null;
  list?: 'red' | 'black' | null;
  warning?: boolean;
  vetoed: boolean;
  hasData?: boolean;
  gapToAbove: number | null;
  gapToLeader: number | null;
  aboveUnit: UnitRef;
  leaderUnit: UnitRef;
  seasonScore: number | null;
  seasonRank: number | null;
  indicators: IndicatorLine[];
  bonus: number;
  deductions: number;
  waived: number;
}

export interface OverallStanding {
  rank: number | null;
  of: number | null;
  score: number | null;
  change: number | null;
  grade?: string | null;
  gapToAbove: number | null;
  gapToLeader: number | null;
  aboveUnit?: UnitRef;
  leaderUnit?: UnitRef;
  seasonScore: number | null;
  seasonRank: number | null;
}

export interface TrendItem {
  period: string;
  periodName: string;
  overallScore: number | null;
  overallRank: number | null;
  tracks: Record<string, { score: number | null; rank: number | null }>;
}

export interface WaiverInfo {
  decision: string;
  points?: number | null;
  reference: string;
  reasoning: string;
  seq: number;
}

export interface AdjustmentItem {
  id: string;
  seq: number;
  period?: string;
  kind: 'bonus' | 'deduction';
  track: string | null;
  points: number;
  reason: string;
  evidence?: unknown;
  revoked: boolean;
  waiver: WaiverInfo | null;
}

export interface VetoItem {
  id: string;
  seq: number;
  period?: string;
  evidence?: unknown;
  track: string | null;
  reason: string;
  revoked: boolean;
  waiver: WaiverInfo | null;
}

export interface FeedbackItem {
  id: string;
  at: string;
  author: string;
  period: string | null;
  text: string;
}

export interface Workspace {
  version: number;
  /** `group` is the group's id (contract) or `{id, name}` (as served); null when in none. */
  unit: { id: string; name: string; group: string | IdName | null; kind?: string };
  period: IdName;
  periods: IdName[];
  tracks: TrackStanding[];
  overall: OverallStanding | null;
  trend: TrendItem[];
  adjustments: AdjustmentItem[];
  vetoes: VetoItem[];
  feedback: FeedbackItem[];
  appeals: Appeal[];
}
