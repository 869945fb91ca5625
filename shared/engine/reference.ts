/**
 * The reference engine: SPEC §4 computed plainly from scratch, with objects and sorts and no
 * cleverness. It is the oracle the incremental engine is tested against and the "naive full
 * recompute" baseline of the engine benchmark. Keep it obviously correct rather than fast.
 */
import type { LogEvent } from '../events.ts';
import type { Scheme } from '../scheme.ts';
import type { Board, BoardKind, CadreBoard, Row, Standings } from '../standings.ts';
import { boardKey, cadreBoardKey, rankCadreBoards } from '../standings.ts';
import type { CDef, Compiled } from './compile.ts';
import { cellContext, compile } from './compile.ts';
import { assignRanks, compareEntries, deriveBoard, FLAGS, LIGHTS, LISTS } from './derive.ts';
import { composeCadres, eraOf, liveEras, ownerOfKey, periodOwners, type SchemeEra } from './eras.ts';
import { Facts } from './facts.ts';
import { fx } from './fixed.ts';
import { methodImpl, scoreColumn } from './methods/index.ts';

/**
 * Standings of (scheme, events) computed from scratch. Each period's boards come from the
 * scheme in force for it (eras.ts): the standings of all the facts under that scheme.
 */
export function computeStandings(scheme: Scheme, events: LogEvent[]): Standings {
  const facts = new Facts(scheme);
  let eras: SchemeEra[] = [{ scheme, effectiveFrom: null }];
  for (const e of events) {
    facts.add(e);
    if (e.type === 'scheme:changed') eras = liveEras([...eras, eraOf(e)]).eras;
  }
  if (eras.length === 1) return standingsFromFacts(facts);
  const owners = periodOwners(eras);
  const out: Standings = { version: facts.version, boards: {}, cadres: {} };
  const current = facts.scheme;
  eras.forEach((era, i) => {
    facts.scheme = era.scheme;
    const s = standingsFromFacts(facts);
    for (const k of Object.keys(s.boards)) if (ownerOfKey(owners, eras.length - 1, k) === i) out.boards[k] = s.boards[k]!;
    for (const k of Object.keys(s.cadres)) if (ownerOfKey(owners, eras.length - 1, k) === i) out.cadres[k] = s.cadres[k]!;
  });
  composeCadres(out.cadres, owners);
  facts.scheme = current;
  return out;
}

interface Entry {
  unit: number;
  score: number;
  vetoed: boolean;
  hasData: boolean;
  progress: number;
}

export function standingsFromFacts(facts: Facts): Standings {
  const c = compile(facts.scheme);
  const boards: Record<string, Board> = {};
  const P = c.periodIds.length;
  // trackScore[p][def] = Map unit → entry (only for active boards)
  const trackScore: Array<Array<Map<number, Entry> | null>> = [];
  for (let p = 0; p < P; p++) {
    trackScore.push(c.defs.map((def) => scoreTrackBoard(c, facts, def, p)));
  }
  for (const def of c.defs) {
    const series = trackScore.map((row) => row[def.index]!);
    emitSeries(c, boards, 'track', def.group, c.trackIds[def.track]!, series, def);
  }
  // Overall per period and group.
  const overall: Array<Array<Map<number, Entry> | null>> = [];
  for (let p = 0; p < P; p++) {
    overall.push(
      c.groupIds.map((_, g) => {
        const parts = tracksOf(c, g)
          .map((t) => ({ w: c.scheme.tracks[t]!.weight, m: trackScore[p]![c.defOf[t]![g]!] ?? null }))
          .filter((x) => x.m !== null);
        return parts.length ? weighted(groupUnits(c, g), parts as Array<{ w: number; m: Map<number, Entry> }>) : null;
      }),
    );
  }
  c.groupIds.forEach((_, g) => emitSeries(c, boards, 'overall', g, null, overall.map((row) => row[g]!), null));
  // Season totals per track and group, then season overall.
  const season = c.defs.map((def) => {
    const parts = trackScore.map((row, p) => ({ w: c.periodWeight[p]!, m: row[def.index] ?? null })).filter((x) => x.m !== null);
    return parts.length ? weighted(def.units, parts as Array<{ w: number; m: Map<number, Entry> }>) : null;
  });
  for (const def of c.defs) emitSeries(c, boards, 'season', def.group, c.trackIds[def.track]!, [season[def.index]!], null);
  c.groupIds.forEach((_, g) => {
    const parts = tracksOf(c, g)
      .map((t) => ({ w: c.scheme.tracks[t]!.weight, m: season[c.defOf[t]![g]!] ?? null }))
      .filter((x) => x.m !== null);
    const m = parts.length ? weighted(groupUnits(c, g), parts as Array<{ w: number; m: Map<number, Entry> }>) : null;
    emitSeries(c, boards, 'season-overall', g, null, [m], null);
  });
  return { version: facts.version, boards, cadres: cadreBoards(c, facts, trackScore, overall) };
}

function tracksOf(c: Compiled, g: number): number[] {
  return c.trackIds.map((_, t) => t).filter((t) => c.defOf[t]![g]! >= 0);
}
function groupUnits(c: Compiled, g: number): number[] {
  return c.members[g]!;
}

/** Scores one (period, track, group) board, or null when nobody reported anything in it. */
function scoreTrackBoard(c: Compiled, facts: Facts, def: CDef, p: number): Map<number, Entry> | null {
  const pid = c.periodIds[p]!;
  const active = def.units.some((u) => def.inds.some((ind) => facts.values.has(pid, c.unitIds[u]!, ind.code)));
  if (!active) return null;
  const n = def.units.length;
  const sum = new Array<number>(n).fill(0);
  const present = new Array<number>(n).fill(def.fullAll);
  const hasData = new Array<boolean>(n).fill(false);
  const progress = new Array<number>(n).fill(NaN);
  def.inds.forEach((ind, col) => {
    const xs = Float64Array.from(def.units, (u) => effectiveValue(c, facts, p, c.unitIds[u]!, ind));
    const pts = scoreColumn(xs, ind.method, (i) => cellContext(ind, c.unitIds[def.units[i]!]!));
    xs.forEach((x, i) => {
      if (Number.isNaN(x)) {
        if (ind.missing === 'exclude') present[i]! -= fx(ind.fullMarks);
      } else hasData[i] = true;
      sum[i]! += pts[i]!;
      if (col === def.progressCol) progress[i] = x;
    });
  });
  const t = c.trackIds[def.track]!;
  const track = c.scheme.tracks[def.track]!;
  const out = new Map<number, Entry>();
  def.units.forEach((u, i) => {
    const unit = c.unitIds[u]!;
    const scale = present[i]! > 0 && present[i]! < def.fullAll ? Math.round((sum[i]! * def.fullAll) / present[i]!) - sum[i]! : 0;
    let bonus = 0;
    let ded = 0;
    for (const a of facts.adjustments.values()) {
      if (a.revoked || a.period !== c.periodIds[p] || a.unit !== unit || a.track !== t) continue;
      if (a.kind === 'bonus') bonus += fx(a.points);
      else ded += fx(a.points) - fx(facts.waivedPoints(a));
    }
    bonus = Math.min(bonus, fx(track.bonusCap));
    if (track.deductionCap !== undefined) ded = Math.min(ded, fx(track.deductionCap));
    const vetoed = [...facts.vetoes.values()].some(
      (v) => !v.revoked && !facts.vetoLifted(v) && v.period === c.periodIds[p] && v.unit === unit && (v.track === null || v.track === t),
    );
    out.set(u, { unit: u, score: sum[i]! + scale + bonus - ded, vetoed, hasData: hasData[i]!, progress: progress[i]! });
  });
  return out;
}

/** The value a unit's indicator is scored on in period p: its own, or carried, or NaN. */
export function effectiveValue(c: Compiled, facts: Facts, p: number, unit: string, ind: CDef['inds'][number]): number {
  for (let q = p; q >= 0; q--) {
    const f = facts.values.get(c.periodIds[q]!, unit, ind.code);
    if (f !== undefined) {
      const x = methodImpl(ind.method).encode(f, ind.method);
      if (typeof x === 'number') return x;
    }
    if (ind.missing !== 'carry') break;
  }
  return NaN;
}

/** Weighted mean of several score maps over the units present in at least one. */
function weighted(units: number[], parts: Array<{ w: number; m: Map<number, Entry> }>): Map<number, Entry> {
  const out = new Map<number, Entry>();
  for (const u of units) {
    let num = 0;
    let den = 0;
    let vetoed = false;
    let hasData = false;
    for (const { w, m } of parts) {
      const e = m.get(u);
      if (!e) continue;
      num += w * e.score;
      den += w;
      vetoed ||= e.vetoed;
      hasData ||= e.hasData;
    }
    if (den > 0) out.set(u, { unit: u, score: Math.round(num / den), vetoed, hasData, progress: NaN });
  }
  return out;
}

/** Ranks and derives each board of a series (periods in order, null = inactive) and stores rows. */
function emitSeries(
  c: Compiled,
  boards: Record<string, Board>,
  kind: BoardKind,
  g: number,
  track: string | null,
  series: Array<Map<number, Entry> | null>,
  def: CDef | null,
): void {
  let prev: Map<number, Row> | null = null;
  const yellowRun = new Map<number, number>();
  series.forEach((m, p) => {
    if (!m) return;
    const entries = [...m.values()];
    const n = entries.length;
    const score = entries.map((e) => e.score);
    const vetoed = entries.map((e) => (e.vetoed ? 1 : 0));
    const order = entries.map((_, i) => i).sort((a, b) => compareEntries(a, b, score, vetoed, (i) => c.unitOrd[entries[i]!.unit]!));
    const rank = new Int32Array(n);
    assignRanks(order, n, score, vetoed, rank);
    const out = { grade: new Int8Array(n), flag: new Int8Array(n), list: new Int8Array(n), light: new Int8Array(n) };
    const period = kind === 'track' || kind === 'overall' ? c.periodIds[p]! : null;
    deriveBoard(
      {
        kind,
        order,
        n,
        rank,
        score,
        vetoed,
        bands: c.bands,
        rules: c.rules,
        light: def ? { rule: def.light, progress: (i) => entries[i]!.progress, expected: c.scheme.season.periods[p]!.expectedProgress } : undefined,
      },
      out,
    );
    const rows: Record<string, Row> = {};
    const rowsByUnit = new Map<number, Row>();
    entries.forEach((e, i) => {
      const yellow = out.flag[i] === 2;
      const run = yellow ? (yellowRun.get(e.unit) ?? 0) + 1 : 0;
      const prevRank = prev?.get(e.unit)?.rank ?? null;
      const row: Row = {
        score: e.score / 10_000,
        rank: rank[i]!,
        prevRank,
        change: prevRank === null ? null : prevRank - rank[i]!,
        grade: out.grade[i]! >= 0 ? c.bands[out.grade[i]!]!.name : null,
        flag: FLAGS[out.flag[i]!]!,
        light: LIGHTS[out.light[i]!]!,
        list: LISTS[out.list[i]!]!,
        warning: period !== null && run >= c.rules.warningAfter,
        vetoed: e.vetoed,
        hasData: e.hasData,
      };
      rows[c.unitIds[e.unit]!] = row;
      rowsByUnit.set(e.unit, row);
    });
    for (const e of entries) yellowRun.set(e.unit, rowsByUnit.get(e.unit)!.flag === 'yellow' ? (yellowRun.get(e.unit) ?? 0) + 1 : 0);
    for (const u of [...yellowRun.keys()]) if (!m.has(u)) yellowRun.set(u, 0);
    boards[boardKey({ kind, period, track, group: c.groupIds[g]! })] = { ref: { kind, period, track, group: c.groupIds[g]! }, rows };
    prev = rowsByUnit;
  });
}

/** Cadre scores (SPEC §4) and rankings per period and cadre group. */
function cadreBoards(
  c: Compiled,
  facts: Facts,
  trackScore: Array<Array<Map<number, Entry> | null>>,
  overall: Array<Array<Map<number, Entry> | null>>,
): Record<string, CadreBoard> {
  const out: Record<string, CadreBoard> = {};
  const inputs: CadreInputs = {
    trackScore(p, t, u) {
      const g = c.unitGroup[u]!;
      const d = g >= 0 ? c.defOf[t]![g]! : -1;
      return d >= 0 ? trackScore[p]![d]?.get(u)?.score : undefined;
    },
    overallScore(p, u) {
      const g = c.unitGroup[u]!;
      return g >= 0 ? overall[p]![g]?.get(u)?.score : undefined;
    },
    evaluation: (p, ci) => evaluationOf(c, facts, c.periodIds[p]!, c.cadreIds[ci]!),
    adjustments: (p, ci) =>
      cadreAdjustmentSums([...facts.cadreAdj.values()].filter((a) => a.period === c.periodIds[p] && a.cadre === c.cadreIds[ci])),
  };
  c.periodIds.forEach((pid, p) => {
    c.scheme.cadres.forEach((cadre, ci) => {
      const s = cadreScore(c, p, cadre, inputs);
      const g = c.cadreGroupOf[ci]!;
      if (s === null || g < 0) return;
      const key = cadreBoardKey(pid, c.cadreGroupIds[g]!);
      const board = (out[key] ??= { period: pid, periodIndex: p, cadreGroup: c.cadreGroupIds[g]!, rows: {} });
      board.rows[cadre.id] = { score: s.total / 10_000, rank: 0, prevRank: null, change: null };
    });
  });
  rankCadreBoards(out);
  return out;
}

export interface CadreScore {
  total: number;
  base: number;
  bonus: number;
  deduction: number;
  evaluation: number | null;
  tracks: Array<{ track: string; weight: number; alpha: number; unitPart: number; part: number; units: Array<{ unit: string; share: number; score: number }> }>;
}

/** How a cadre score reads the standings it depends on. */
export interface CadreInputs {
  /** Track score (1e-4 units) of unit u on track t in period p, if that board is active. */
  trackScore(p: number, t: number, u: number): number | undefined;
  /** Overall score of unit u in period p, if any. */
  overallScore(p: number, u: number): number | undefined;
  /** Rater evaluation E of cadre ci in period p (1e-4 units), or null when nobody rated. */
  evaluation(p: number, ci: number): number | null;
  /** Σ personal bonus and Σ personal deductions of cadre ci in period p (1e-4 units). */
  adjustments(p: number, ci: number): { bonus: number; deduction: number };
}

/** Personal adjustments of a cadre in a period, summed (1e-4 units). */
export function cadreAdjustmentSums(items: Iterable<{ kind: 'bonus' | 'deduction'; points: number }>): { bonus: number; deduction: number } {
  let bonus = 0;
  let deduction = 0;
  for (const a of items) {
    if (a.kind === 'bonus') bonus += fx(a.points);
    else deduction += fx(a.points);
  }
  return { bonus, deduction };
}

const NO_TRACKS: CadreScore['tracks'] = [];

/** α for a cadre without responsibilities, scored on their own unit's overall score. */
export const FALLBACK_ALPHA = 0.7;

/**
 * One cadre's score in period p (1e-4 units), or null without any data (SPEC §4). Both engines
 * and the explanation call this one function; `detail` only adds the parts for explanations.
 */
export function cadreScore(c: Compiled, p: number, cadre: Scheme['cadres'][number], inp: CadreInputs, detail = false): CadreScore | null {
  const ci = c.cadreIdx.get(cadre.id)!;
  const cc = c.cadrePart(ci);
  const evaluation = inp.evaluation(p, ci);
  const tracks: CadreScore['tracks'] = detail ? [] : NO_TRACKS;
  let num = 0;
  let den = 0;
  for (const tr of cc.tracks) {
    let un = 0;
    let ud = 0;
    const units: CadreScore['tracks'][number]['units'] | null = detail ? [] : null;
    for (const r of tr.resp) {
      const s = inp.trackScore(p, tr.t, r.u);
      if (s === undefined) continue;
      un += r.share * s;
      ud += r.share;
      units?.push({ unit: r.unit, share: r.share, score: s });
    }
    if (ud === 0) continue;
    const unitPart = un / ud;
    const part = evaluation === null ? unitPart : tr.alpha * unitPart + (1 - tr.alpha) * evaluation;
    num += tr.weight * part;
    den += tr.weight;
    if (units) tracks.push({ track: tr.id, weight: tr.weight, alpha: tr.alpha, unitPart, part, units });
  }
  if (cc.fallbackUnit >= 0) {
    const s = inp.overallScore(p, cc.fallbackUnit);
    if (s !== undefined) {
      const part = evaluation === null ? s : FALLBACK_ALPHA * s + (1 - FALLBACK_ALPHA) * evaluation;
      num += part;
      den += 1;
      if (detail) tracks.push({ track: '*', weight: 1, alpha: FALLBACK_ALPHA, unitPart: s, part, units: [{ unit: cadre.unit, share: 1, score: s }] });
    }
  }
  if (den === 0) return null;
  const base = Math.round(num / den);
  const { bonus, deduction } = inp.adjustments(p, ci);
  return { total: base + bonus - deduction, base, bonus, deduction, evaluation, tracks };
}

/** E = Σ rater-group weight × mean rating / Σ weights of the groups that rated (1e-4 units), or null. */
export function evaluationOf(c: Compiled, facts: Facts, period: string, cadre: string): number | null {
  const byGroup = facts.ratings.get(`${period}|${cadre}`);
  return byGroup ? evaluationFrom(c, byGroup) : null;
}

/** E from one cadre's ratings in one period (rater group → rater → score). */
export function evaluationFrom(c: Compiled, byGroup: Map<string, Map<string, number>>): number | null {
  let num = 0;
  let den = 0;
  c.scheme.raterGroups.forEach((rg) => {
    const r = byGroup.get(rg.id);
    if (!r || r.size === 0) return;
    let s = 0;
    for (const v of r.values()) s += v;
    num += rg.weight * (s / r.size);
    den += rg.weight;
  });
  return den > 0 ? (num / den) * 10_000 : null;
}
