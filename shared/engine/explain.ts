/**
 * Explanations: every score as its parts, adding up exactly to the total (in 1e-4 units).
 * Read from the incremental engine's state, so what is explained is exactly what is ranked.
 */
import type { AdjustmentFact } from './facts.ts';
import { fx, unfx } from './fixed.ts';
import { methodImpl } from './methods/index.ts';
import type { IncrementalEngine } from './engine.ts';
import type { RankedBoard } from './ranked-board.ts';
import type { CadreInputs } from './reference.ts';
import { cadreAdjustmentSums, cadreScore, evaluationOf } from './reference.ts';
import type { AdjustmentItem, CadreExplanation, ExplanationPart, UnitExplanation, VetoItem, WeightedExplanation } from './types.ts';

export function explainUnit(e: IncrementalEngine, period: string, track: string, unit: string): UnitExplanation | null {
  const c = e.c;
  const indicator = c.scheme.tracks[c.trackIdx.get(track) ?? -1]?.indicators[0]?.code;
  const p = c.periodIdx.get(period);
  const t = c.trackIdx.get(track);
  const u = c.unitIdx.get(unit);
  if (p === undefined || t === undefined || u === undefined || indicator === undefined) return null;
  const g = c.unitGroup[u]!;
  const d = g >= 0 ? c.defOf[t]![g]! : -1;
  const ts = d >= 0 ? e.tracks[p]![d] : null;
  if (!ts) return null;
  const i = c.unitLocal[u]!;
  const parts: ExplanationPart[] = ts.def.inds.map((ind, j) => {
    const k = i * ts.m + j;
    let status: 'own' | 'carried' | 'missing' = 'missing';
    let from: string | null = null;
    let value: number | string | null = null;
    if (!Number.isNaN(ts.val[k]!)) {
      status = Number.isNaN(ts.own[k]!) ? 'carried' : 'own';
      for (let q = p; q >= 0; q--) {
        const tq = e.tracks[q]![d];
        if (tq && !Number.isNaN(tq.own[k]!)) {
          from = c.periodIds[q]!;
          value = e.facts.values.get(from, unit, ind.code) ?? methodImpl(ind.method).decode(tq.own[k]!, ind.method);
          break;
        }
      }
    }
    return {
      kind: 'indicator',
      code: ind.code,
      name: ind.name,
      measure: ind.measure,
      value,
      status,
      from,
      points: unfx(ts.pts[k]!),
      fullMarks: ind.fullMarks,
      excluded: status === 'missing' && ind.missing === 'exclude',
    };
  });
  const s = e.trackScoreOf(ts, i);
  if (s.scale !== 0) parts.push({ kind: 'scale', points: unfx(s.scale), factor: ts.def.fullAll / ts.present[i]! });
  const tr = c.scheme.tracks[t]!;
  const items = (e.adjIndex.get(`${period}|${track}|${unit}`) ?? []).map((id) => e.facts.adjustments.get(id)!).filter((a) => !a.revoked);
  const bonus = items.filter((a) => a.kind === 'bonus');
  const deds = items.filter((a) => a.kind === 'deduction');
  if (bonus.length) {
    parts.push({ kind: 'bonus', points: unfx(s.bonus), uncapped: unfx(bonus.reduce((x, a) => x + fx(a.points), 0)), cap: tr.bonusCap, items: bonus.map((a) => item(e, a)) });
  }
  if (deds.length) {
    parts.push({
      kind: 'deduction',
      points: -unfx(s.deduction),
      uncapped: -unfx(deds.reduce((x, a) => x + fx(a.points) - fx(e.facts.waivedPoints(a)), 0)),
      cap: tr.deductionCap ?? null,
      items: deds.map((a) => item(e, a)),
    });
  }
  const vetoes: VetoItem[] = (e.vetoIndex.get(`${period}|${unit}`) ?? [])
    .map((id) => e.facts.vetoes.get(id)!)
    .filter((v) => !v.revoked && (v.track === null || v.track === track))
    .map((v) => {
      const w = e.facts.waivers.get(v.id);
      return { id: v.id, track: v.track, reason: v.reason, evidence: v.evidence, lifted: e.facts.vetoLifted(v), decision: w?.decision ?? null, reference: w?.reference ?? null, reasoning: w?.reasoning ?? null };
    });
  return { period, track, group: c.groupIds[g]!, unit, total: unfx(ts.board.score[i]!), parts, vetoes, vetoed: ts.board.vetoed[i] === 1 };
}

function item(e: IncrementalEngine, a: AdjustmentFact): AdjustmentItem {
  const w = e.facts.waivers.get(a.id);
  return {
    id: a.id,
    kind: a.kind,
    points: a.points,
    reason: a.reason,
    evidence: a.evidence,
    waived: e.facts.waivedPoints(a),
    decision: w?.decision ?? null,
    reference: w?.reference ?? null,
    reasoning: w?.reasoning ?? null,
  };
}

/** Overall score of a unit in a period (or the season overall when period is null). */
export function explainOverall(e: IncrementalEngine, period: string | null, unit: string): WeightedExplanation | null {
  const c = e.c;
  const u = c.unitIdx.get(unit);
  if (u === undefined || c.unitGroup[u]! < 0) return null;
  const g = c.unitGroup[u]!;
  const i = c.unitLocal[u]!;
  const p = period === null ? null : c.periodIdx.get(period);
  if (p === undefined) return null;
  const total = p === null ? e.seasonAll[g] : e.overall[p]![g];
  if (!total) return null;
  const parts: Array<{ id: string; w: number; b: RankedBoard }> = [];
  c.trackIds.forEach((tid, t) => {
    const d = c.defOf[t]![g]!;
    const b = d < 0 ? null : p === null ? e.season[d] : e.tracks[p]![d]?.board;
    if (b) parts.push({ id: tid, w: c.scheme.tracks[t]!.weight, b });
  });
  return weighted(unit, c.groupIds[g]!, total.score[i]!, parts, i);
}

/** Season total of a unit on a track: period scores weighted by period weight. */
export function explainSeason(e: IncrementalEngine, track: string, unit: string): WeightedExplanation | null {
  const c = e.c;
  const u = c.unitIdx.get(unit);
  const t = c.trackIdx.get(track);
  if (u === undefined || t === undefined || c.unitGroup[u]! < 0) return null;
  const g = c.unitGroup[u]!;
  const d = c.defOf[t]![g]!;
  const total = d >= 0 ? e.season[d] : null;
  if (!total) return null;
  const i = c.unitLocal[u]!;
  const parts: Array<{ id: string; w: number; b: RankedBoard }> = [];
  c.periodIds.forEach((pid, p) => {
    const b = e.tracks[p]![d]?.board;
    if (b) parts.push({ id: pid, w: c.periodWeight[p]!, b });
  });
  return weighted(unit, c.groupIds[g]!, total.score[i]!, parts, i);
}

function weighted(unit: string, group: string, total: number, parts: Array<{ id: string; w: number; b: RankedBoard }>, i: number): WeightedExplanation {
  const den = parts.reduce((s, x) => s + x.w, 0);
  const out = parts.map((x) => ({ id: x.id, score: unfx(x.b.score[i]!), weight: x.w, points: Math.round((x.w * x.b.score[i]!) / den) }));
  const rounding = total - out.reduce((s, x) => s + x.points, 0);
  return { unit, group, total: unfx(total), parts: out.map((x) => ({ ...x, points: unfx(x.points) })), rounding: unfx(rounding) };
}

export function explainCadre(e: IncrementalEngine, period: string, cadreId: string): CadreExplanation | null {
  const c = e.c;
  const p = c.periodIdx.get(period);
  const ci = c.cadreIdx.get(cadreId);
  if (p === undefined || ci === undefined) return null;
  const cadre = c.scheme.cadres[ci]!;
  const s = cadreScore(c, p, cadre, cadreInputs(e), true);
  if (!s) return null;
  const den = s.tracks.reduce((x, t) => x + t.weight, 0);
  const trackParts = s.tracks.map((t) => ({ kind: 'track' as const, id: t.track, points: Math.round((t.weight * t.part) / den) }));
  const rounding = s.base - trackParts.reduce((x, t) => x + t.points, 0);
  const byGroup = e.facts.ratings.get(`${period}|${cadreId}`);
  const groups = c.scheme.raterGroups.flatMap((rg) => {
    const r = byGroup?.get(rg.id);
    if (!r || !r.size) return [];
    const vals = [...r.values()];
    return [{ raterGroup: rg.id, weight: rg.weight, mean: vals.reduce((a, b) => a + b, 0) / vals.length, count: vals.length }];
  });
  const evaluation = evaluationOf(c, e.facts, period, cadreId);
  const items = (e.cadreAdjIndex.get(`${period}|${cadreId}`) ?? []).map((id) => e.facts.cadreAdj.get(id)!);
  return {
    period,
    cadre: cadreId,
    cadreGroup: cadre.group,
    total: unfx(s.total),
    tracks: s.tracks.map((t) => ({
      track: t.track,
      weight: t.weight,
      alpha: t.alpha,
      unitPart: unfx(Math.round(t.unitPart)),
      units: t.units.map((x) => ({ unit: x.unit, share: x.share, score: unfx(x.score) })),
      score: unfx(Math.round(t.part)),
    })),
    evaluation: { value: evaluation === null ? null : unfx(Math.round(evaluation)), groups },
    items: items.map((a) => ({ id: a.id, kind: a.kind, points: a.points, reason: a.reason, evidence: [], waived: 0, decision: null, reference: null, reasoning: null })),
    parts: [
      ...trackParts.map((x) => ({ ...x, points: unfx(x.points) })),
      { kind: 'rounding', id: null, points: unfx(rounding) },
      { kind: 'bonus', id: null, points: unfx(s.bonus) },
      { kind: 'deduction', id: null, points: -unfx(s.deduction) },
    ],
  };
}

const NO_ADJUSTMENTS = { bonus: 0, deduction: 0 };

/** How the reference cadre formula (with its parts) reads the engine's boards. */
function cadreInputs(e: IncrementalEngine): CadreInputs {
  const c = e.c;
  return {
    trackScore: (p, t, u) => {
      const g = c.unitGroup[u]!;
      const d = g >= 0 ? c.defOf[t]![g]! : -1;
      const ts = d >= 0 ? e.tracks[p]![d] : null;
      return ts ? ts.board.score[c.unitLocal[u]!] : undefined;
    },
    overallScore: (p, u) => {
      const g = c.unitGroup[u]!;
      const b = g >= 0 ? e.overall[p]![g] : null;
      return b ? b.score[c.unitLocal[u]!] : undefined;
    },
    evaluation: (p, ci) => {
      const x = e.cadres.evaluation[p]![ci]!;
      return Number.isNaN(x) ? null : x;
    },
    adjustments: (p, ci) => {
      if (!e.cadreAdjIndex.size) return NO_ADJUSTMENTS;
      const ids = e.cadreAdjIndex.get(`${c.periodIds[p]!}|${c.cadreIds[ci]!}`);
      return ids ? cadreAdjustmentSums(ids.map((id) => e.facts.cadreAdj.get(id)!)) : NO_ADJUSTMENTS;
    },
  };
}
