/** Public types of the scoring engine. */
import type { EventBody, LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import type { Standings, StandingsDiff } from '../standings.ts';

export interface AdjustmentItem {
  id: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
  evidence: string[];
  /** Points waived by an accepted or partly accepted 容错 application. */
  waived: number;
  /** Waiver decision, if any (latest wins). */
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified' | null;
  reference: string | null;
  reasoning: string | null;
}

export interface VetoItem {
  id: string;
  track: string | null;
  reason: string;
  evidence: string[];
  /** True when an accepted waiver or a clarification lifted it. */
  lifted: boolean;
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified' | null;
  reference: string | null;
  reasoning: string | null;
}

export type ExplanationPart =
  | {
      kind: 'indicator';
      code: string;
      name: string;
      measure: string;
      /** The reported value (a carried value shows the one carried). */
      value: number | string | null;
      /** `own`: reported this period; `carried`: last value earlier in the season; `missing`: none. */
      status: 'own' | 'carried' | 'missing';
      /** Period the value was reported in. */
      from: string | null;
      points: number;
      fullMarks: number;
      /** Missing-value policy `exclude` dropped this indicator from the total. */
      excluded: boolean;
    }
  | { kind: 'scale'; points: number; factor: number }
  | { kind: 'bonus'; points: number; uncapped: number; cap: number; items: AdjustmentItem[] }
  | { kind: 'deduction'; points: number; uncapped: number; cap: number | null; items: AdjustmentItem[] };

/** The parts of a unit's track score; `Σ parts.points === total` exactly (4-decimal fixed point). */
export interface UnitExplanation {
  period: string;
  track: string;
  group: string;
  unit: string;
  total: number;
  parts: ExplanationPart[];
  vetoes: VetoItem[];
  vetoed: boolean;
}

export interface WeightedPart {
  /** Track or period id. */
  id: string;
  score: number;
  weight: number;
  /** weight × score / Σ weights, rounded; a `rounding` line absorbs the remainder. */
  points: number;
}

/** Overall (综合) or season total: weighted parts that add up to the total. */
export interface WeightedExplanation {
  unit: string;
  group: string;
  total: number;
  parts: WeightedPart[];
  rounding: number;
}

export interface CadreExplanation {
  period: string;
  cadre: string;
  cadreGroup: string;
  total: number;
  tracks: Array<{
    track: string;
    weight: number;
    alpha: number;
    unitPart: number;
    units: Array<{ unit: string; share: number; score: number }>;
    /** α·unit part + (1−α)·E, or the unit part alone when nobody rated. */
    score: number;
  }>;
  evaluation: {
    value: number | null;
    groups: Array<{ raterGroup: string; weight: number; mean: number; count: number }>;
  };
  items: AdjustmentItem[];
  /** Parts adding up exactly to `total`: track contributions, bonus, deductions, rounding. */
  parts: Array<{ kind: 'track' | 'bonus' | 'deduction' | 'rounding'; id: string | null; points: number }>;
}

/** A problem in a scheme or an event, with messages a person can act on. */
export interface Problem {
  /** Machine-readable code, e.g. `full_marks_sum`. */
  code: string;
  /** JSON path of the offending field. */
  path: string;
  zh: string;
  en: string;
}

export interface Engine {
  readonly scheme: Scheme;
  /** Version = seq of the last applied event (0 when empty). */
  readonly version: number;
  /**
   * Applies events (in seq order, each seq greater than the version) and returns the diff from
   * the previous version to the new one. Events must already be validated (`checkEvent`).
   */
  apply(events: LogEvent | LogEvent[]): StandingsDiff;
  /** The complete current standings (a fresh copy). */
  standings(): Standings;
  /**
   * The current score of every row of a unit board, in row-id order (`compareIds`): what a dense
   * patch carries (`BoardPatch.scores`). Null when there is no such board.
   */
  boardScores(key: string): number[] | null;
  explainUnit(period: string, track: string, unit: string): UnitExplanation | null;
  explainOverall(period: string | null, unit: string): WeightedExplanation | null;
  explainSeason(track: string, unit: string): WeightedExplanation | null;
  explainCadre(period: string, cadre: string): CadreExplanation | null;
  /** The value reported for a unit and indicator in a period (not a carried one), or null. */
  reportedValue(period: string, unit: string, indicator: string): number | string | null;
  /** Checks an event against the current scheme and state; null when it may be applied. */
  checkEvent(event: EventBody): Problem | null;
  /** The scheme that scores `period` (the current one unless a change took effect from a later period). */
  schemeOf?(period: string): Scheme;
  /** Periods published so far, in the order they were published, with the version. */
  published(): Array<{ period: string; version: number; at: string }>;
}
