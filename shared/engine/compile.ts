/** Compiles a scheme into indexed structures the engines work on (integer indices, no lookups by string in hot paths). */
import type { GradeBand, GroupOverride, Indicator, LightRule, Method, Rules, Scheme, Track } from '../scheme.ts';
import { fx } from './fixed.ts';
import type { CellContext } from './methods/index.ts';

/** An indicator as it applies in one group (after 差异化考核 overrides). */
export interface CInd {
  code: string;
  name: string;
  measure: string;
  direction: 'higher' | 'lower';
  fullMarks: number;
  method: Method;
  missing: Indicator['missing'];
  def: Indicator;
}

/** A (track, group) pair: the members and the indicators they are scored on. */
export interface CDef {
  index: number;
  track: number;
  group: number;
  /** Global unit indices, in the group's order. */
  units: number[];
  inds: CInd[];
  /** Σ full marks of all indicators, 1e-4 units. */
  fullAll: number;
  light: LightRule;
  /** Column of the light rule's progress indicator, or -1. */
  progressCol: number;
  /** Indicator code → column. */
  colOf: Map<string, number>;
}

export interface CBand {
  name: string;
  min: number; // 1e-4 units, -Infinity for the last band
  quota: number | undefined;
  noVeto: boolean;
}

export interface Compiled {
  scheme: Scheme;
  periodIds: string[];
  periodIdx: Map<string, number>;
  periodWeight: number[];
  trackIds: string[];
  trackIdx: Map<string, number>;
  groupIds: string[];
  groupIdx: Map<string, number>;
  unitIds: string[];
  unitIdx: Map<string, number>;
  /** Rank of each unit's code in code order (ties in score are displayed by code). */
  unitOrd: Int32Array;
  /** Track index → group index → def index (−1 when the group does not run the track). */
  defOf: Int32Array[];
  defs: CDef[];
  /** Unit → its group index (−1 when in none). */
  unitGroup: Int32Array;
  /** Unit → local index inside its group's member list. */
  unitLocal: Int32Array;
  /** Group → its member units (global indices; a unit belongs to its first group only). */
  members: number[][];
  /** Indicator code → track index (codes are unique across the scheme). */
  indTrack: Map<string, number>;
  bands: CBand[];
  rules: Rules;
  cadreIds: string[];
  cadreIdx: Map<string, number>;
  /** Rank of each cadre's id in id order (computed on first use). */
  readonly cadreOrd: Int32Array;
  cadreGroupIds: string[];
  cadreGroupIdx: Map<string, number>;
  cadreGroupOf: Int32Array;
  raterIdx: Map<string, number>;
  raterWeight: number[];
  /** Cadre ci's responsibilities grouped by track (scheme track order), for the cadre formula (made on first use). */
  cadrePart(ci: number): CCadre;
}

export interface CCadre {
  tracks: Array<{ t: number; id: string; weight: number; alpha: number; resp: Array<{ u: number; unit: string; share: number }> }>;
  /** Own unit (global index) when the cadre has no responsibilities, else −1. */
  fallbackUnit: number;
}

export function compile(scheme: Scheme): Compiled {
  const periodIds = scheme.season.periods.map((p) => p.id);
  const trackIds = scheme.tracks.map((t) => t.id);
  const groupIds = scheme.groups.map((g) => g.id);
  const unitIds = scheme.units.map((u) => u.id);
  const unitIdx = indexOf(unitIds);
  const trackIdx = indexOf(trackIds);
  const unitGroup = new Int32Array(unitIds.length).fill(-1);
  const unitLocal = new Int32Array(unitIds.length).fill(-1);
  const members: number[][] = scheme.groups.map(() => []);
  scheme.groups.forEach((g, gi) =>
    g.units.forEach((u) => {
      const ui = unitIdx.get(u);
      if (ui !== undefined && unitGroup[ui] === -1) {
        unitGroup[ui] = gi;
        unitLocal[ui] = members[gi]!.length;
        members[gi]!.push(ui);
      }
    }),
  );
  const defOf = trackIds.map(() => new Int32Array(groupIds.length).fill(-1));
  const defs: CDef[] = [];
  scheme.groups.forEach((g, gi) => {
    for (const tid of g.tracks) {
      const ti = trackIdx.get(tid);
      if (ti === undefined || defOf[ti]![gi] !== -1) continue;
      const track = scheme.tracks[ti]!;
      const inds = effectiveIndicators(track, g.overrides?.[tid]);
      const light = track.light ?? scheme.rules.light;
      const def: CDef = {
        index: defs.length,
        track: ti,
        group: gi,
        units: members[gi]!,
        inds,
        fullAll: inds.reduce((s, i) => s + fx(i.fullMarks), 0),
        light,
        progressCol: light.mode === 'progress' ? inds.findIndex((i) => i.code === light.indicator) : -1,
        colOf: indexOf(inds.map((i) => i.code)),
      };
      defOf[ti]![gi] = def.index;
      defs.push(def);
    }
  });
  const indTrack = new Map<string, number>();
  scheme.tracks.forEach((t, ti) => t.indicators.forEach((i) => indTrack.has(i.code) || indTrack.set(i.code, ti)));
  const cadreIds = scheme.cadres.map((c) => c.id);
  const cadreGroupIds = scheme.cadreGroups.map((c) => c.id);
  const cadreGroupIdx = indexOf(cadreGroupIds);
  // A province has 10^5 cadres: what only explanations and the reference engine read is made lazily.
  const parts: Array<CCadre | undefined> = [];
  let cadreOrd: Int32Array | undefined;
  return {
    scheme,
    periodIds,
    periodIdx: indexOf(periodIds),
    periodWeight: scheme.season.periods.map((p) => p.weight),
    trackIds,
    trackIdx,
    groupIds,
    groupIdx: indexOf(groupIds),
    unitIds,
    unitIdx,
    unitOrd: ordinals(unitIds),
    defOf,
    defs,
    unitGroup,
    unitLocal,
    members,
    indTrack,
    bands: compileBands(scheme.grades),
    rules: scheme.rules,
    cadreIds,
    cadreIdx: indexOf(cadreIds),
    get cadreOrd() {
      return (cadreOrd ??= ordinals(cadreIds));
    },
    cadreGroupIds,
    cadreGroupIdx,
    cadreGroupOf: Int32Array.from(scheme.cadres.map((c) => cadreGroupIdx.get(c.group) ?? -1)),
    raterIdx: indexOf(scheme.raterGroups.map((r) => r.id)),
    raterWeight: scheme.raterGroups.map((r) => r.weight),
    cadrePart: (ci) => (parts[ci] ??= compileCadre(scheme, trackIdx, unitIdx, scheme.cadres[ci]!)),
  };
}

/** A cadre's responsibilities grouped by track, tracks in scheme order. */
function compileCadre(scheme: Scheme, trackIdx: Map<string, number>, unitIdx: Map<string, number>, cadre: Scheme['cadres'][number]): CCadre {
  const byTrack = new Map<number, CCadre['tracks'][number]>();
  for (const r of cadre.responsibilities) {
    const t = trackIdx.get(r.track);
    const u = unitIdx.get(r.unit);
    if (t === undefined || u === undefined) continue;
    let tr = byTrack.get(t);
    if (!tr) {
      const track = scheme.tracks[t]!;
      byTrack.set(t, (tr = { t, id: track.id, weight: track.weight, alpha: track.alpha, resp: [] }));
    }
    tr.resp.push({ u, unit: r.unit, share: r.share });
  }
  return {
    tracks: [...byTrack.values()].sort((a, b) => a.t - b.t),
    fallbackUnit: cadre.responsibilities.length ? -1 : (unitIdx.get(cadre.unit) ?? -1),
  };
}

function effectiveIndicators(track: Track, ov: GroupOverride | undefined): CInd[] {
  const chosen = ov?.indicators ? track.indicators.filter((i) => ov.indicators!.includes(i.code)) : track.indicators;
  return chosen.map((i) => ({
    code: i.code,
    name: i.name,
    measure: i.measure,
    direction: i.direction,
    fullMarks: ov?.fullMarks?.[i.code] ?? i.fullMarks,
    method: ov?.methods?.[i.code] ?? i.method,
    missing: i.missing,
    def: i,
  }));
}

function compileBands(bands: GradeBand[]): CBand[] {
  return bands.map((b) => ({ name: b.name, min: b.min === undefined ? -Infinity : fx(b.min), quota: b.quota, noVeto: b.noVeto }));
}

/** The context a method sees for one unit's cell (written into `out` when given, to spare allocations). */
export function cellContext(ind: CInd, unitId: string, out?: CellContext): CellContext {
  const c = out ?? ({} as CellContext);
  c.fullMarks = ind.fullMarks;
  c.direction = ind.direction;
  c.target = ind.def.targets?.[unitId] ?? ind.def.target;
  c.baseline = ind.def.baselines?.[unitId] ?? ind.def.baseline;
  return c;
}

export function indexOf(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => m.has(id) || m.set(id, i));
  return m;
}

/** Position of each id in plain code-point order (deterministic, locale-free). */
function ordinals(ids: string[]): Int32Array {
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const ord = new Int32Array(ids.length);
  order.forEach((i, k) => (ord[i] = k));
  return ord;
}
