/**
 * Facts: what the events established, independent of any scheme (so a scheme change can be
 * re-scored from the same facts). Both engines fold events into Facts the same way.
 */
import type { LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';


export interface AdjustmentFact {
  id: string;
  period: string;
  unit: string;
  track: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
  evidence: string[];
  revoked: boolean;
}

export interface VetoFact {
  id: string;
  period: string;
  unit: string;
  track: string | null;
  reason: string;
  evidence: string[];
  revoked: boolean;
}

export interface WaiverFact {
  decision: 'accepted' | 'partial' | 'rejected' | 'clarified';
  points: number | undefined;
  reference: string;
  reasoning: string;
}

export interface CadreAdjFact {
  id: string;
  period: string;
  cadre: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
}

/** Reported values by period → unit → indicator (nested, so a rebuild never parses keys). */
export class CellStore {
  readonly byPeriod = new Map<string, Map<string, Map<string, number | string>>>();
  get(period: string, unit: string, indicator: string): number | string | undefined {
    return this.byPeriod.get(period)?.get(unit)?.get(indicator);
  }
  has(period: string, unit: string, indicator: string): boolean {
    return this.get(period, unit, indicator) !== undefined;
  }
  set(period: string, unit: string, indicator: string, value: number | string): void {
    let byUnit = this.byPeriod.get(period);
    if (!byUnit) this.byPeriod.set(period, (byUnit = new Map()));
    let byInd = byUnit.get(unit);
    if (!byInd) byUnit.set(unit, (byInd = new Map()));
    byInd.set(indicator, value);
  }
  delete(period: string, unit: string, indicator: string): void {
    this.byPeriod.get(period)?.get(unit)?.delete(indicator);
  }
}

export class Facts {
  scheme: Scheme;
  /** The values as reported (the log keeps who, when and where from). */
  values = new CellStore();
  adjustments = new Map<string, AdjustmentFact>();
  vetoes = new Map<string, VetoFact>();
  waivers = new Map<string, WaiverFact>();
  /** `${period}|${cadre}` → raterGroup → rater → score */
  ratings = new Map<string, Map<string, Map<string, number>>>();
  cadreAdj = new Map<string, CadreAdjFact>();
  published: Array<{ period: string; version: number; at: string }> = [];
  version = 0;

  constructor(scheme: Scheme) {
    this.scheme = scheme;
  }

  /** Folds one event in. Returns what it touched, for incremental engines. */
  add(e: LogEvent): void {
    this.version = e.seq;
    switch (e.type) {
      case 'value:recorded':
      case 'value:corrected': {
        const { period, unit, indicator, value } = e.data;
        if (value === null) this.values.delete(period, unit, indicator);
        else this.values.set(period, unit, indicator, value);
        return;
      }
      case 'adjustment:recorded':
        this.adjustments.set(e.data.id, { ...e.data, revoked: false });
        return;
      case 'adjustment:revoked': {
        const a = this.adjustments.get(e.data.id);
        if (a) a.revoked = true;
        return;
      }
      case 'veto:recorded':
        this.vetoes.set(e.data.id, { ...e.data, track: e.data.track ?? null, revoked: false });
        return;
      case 'veto:revoked': {
        const v = this.vetoes.get(e.data.id);
        if (v) v.revoked = true;
        return;
      }
      case 'waiver:decided':
        this.waivers.set(e.data.target, {
          decision: e.data.decision,
          points: e.data.points,
          reference: e.data.reference,
          reasoning: e.data.reasoning,
        });
        return;
      case 'rating:recorded': {
        const k = `${e.data.period}|${e.data.cadre}`;
        let byGroup = this.ratings.get(k);
        if (!byGroup) this.ratings.set(k, (byGroup = new Map()));
        let byRater = byGroup.get(e.data.raterGroup);
        if (!byRater) byGroup.set(e.data.raterGroup, (byRater = new Map()));
        byRater.set(e.data.rater, e.data.score);
        return;
      }
      case 'cadre:adjusted':
        this.cadreAdj.set(e.data.id, { ...e.data });
        return;
      case 'scheme:changed':
        this.scheme = e.data.scheme;
        return;
      case 'period:published':
        this.published.push({ period: e.data.period, version: e.seq, at: e.at });
        return;
    }
  }

  /** Points of a deduction still counted after waivers (1 = whole, 0 = waived). */
  waivedPoints(a: AdjustmentFact): number {
    const w = this.waivers.get(a.id);
    if (!w || a.kind !== 'deduction') return 0;
    if (w.decision === 'accepted' || w.decision === 'clarified') return a.points;
    if (w.decision === 'partial') return Math.min(w.points ?? 0, a.points);
    return 0;
  }

  vetoLifted(v: VetoFact): boolean {
    const w = this.waivers.get(v.id);
    return !!w && (w.decision === 'accepted' || w.decision === 'clarified');
  }
}
