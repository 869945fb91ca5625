/**
 * Race metadata the views need to put names on ids: race and season names, periods, tracks,
 * groups and units, cadre groups and cadres. `normalizeMeta` accepts `GET /api/meta` and also a
 * whole race scheme, so the replay and the tests can use a scheme directly.
 */
export interface MetaPeriod {
  id: string;
  name: string;
  kind: string;
}
export interface MetaGroup {
  id: string;
  name: string;
  units: string[];
  tracks: string[];
}
/** How a track is lit (亮灯); `indicatorName` names a progress rule's indicator. */
export type TrackLight =
  | { mode: 'rank'; redShare: number; yellowShare: number }
  | { mode: 'score'; redBelow: number; yellowBelow: number }
  | { mode: 'progress'; indicator: string; indicatorName?: string; red: number; yellow: number };
export interface MetaTrack {
  id: string;
  name: string;
  light?: TrackLight;
}
export interface Meta {
  name: string;
  season: { id: string; name: string; currentPeriod: string | null };
  periods: MetaPeriod[];
  tracks: MetaTrack[];
  groups: MetaGroup[];
  units: Record<string, { name: string; kind: string }>;
  cadreGroups: Array<{ id: string; name: string }>;
  cadres: Record<string, { name: string; unit: string; group: string; title: string }>;
  raterGroups: Array<{ id: string; name: string }>;
  /** Published periods (晾晒) with the version they froze. */
  published: Array<{ period: string; version: number; at: string }>;
  /** Server version when the meta was read. */
  version: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : isObj(v) ? Object.entries(v).map(([id, x]) => (isObj(x) ? { id, ...x } : { id, name: x })) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? str(x.id) : str(x))).filter(Boolean) : []);

function idName(v: unknown): { id: string; name: string } {
  const o = isObj(v) ? v : {};
  const id = str(o.id ?? o.code);
  return { id, name: str(o.name, id) };
}

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** A light rule from the meta (resolved) or a scheme (the track's own, else the race's). */
function readLight(raw: unknown, indicators: unknown): TrackLight | undefined {
  if (!isObj(raw)) return undefined;
  if (raw.mode === 'score') return { mode: 'score', redBelow: num(raw.redBelow, 0), yellowBelow: num(raw.yellowBelow, 0) };
  if (raw.mode === 'progress') {
    const code = str(raw.indicator);
    const ind = Array.isArray(indicators) ? indicators.find((i) => isObj(i) && i.code === code) : undefined;
    const indicatorName = str(raw.indicatorName) || (isObj(ind) ? str(ind.name) : '') || undefined;
    return { mode: 'progress', indicator: code, ...(indicatorName ? { indicatorName } : {}), red: num(raw.red, 30), yellow: num(raw.yellow, 10) };
  }
  if (raw.mode === 'rank') return { mode: 'rank', redShare: num(raw.redShare, 0.1), yellowShare: num(raw.yellowShare, 0.2) };
  return undefined;
}

function readTrack(t: unknown, rules: unknown): MetaTrack {
  const o = isObj(t) ? t : {};
  const light = readLight(o.light ?? (isObj(rules) ? rules.light : undefined), o.indicators);
  return { ...idName(t), ...(light ? { light } : {}) };
}

/** Reads a meta document (or a scheme) defensively: missing parts become empty. */
export function normalizeMeta(raw: unknown): Meta {
  const root = isObj(raw) ? raw : {};
  const src = isObj(root.scheme) ? { ...root.scheme, ...root } : root;
  const season = isObj(src.season) ? src.season : {};
  const periods = arr(season.periods ?? src.periods).map((p) => ({ ...idName(p), kind: str(isObj(p) ? p.kind : '', 'month') }));
  const units: Meta['units'] = {};
  for (const u of arr(src.units)) {
    const { id, name } = idName(u);
    if (id) units[id] = { name, kind: str(isObj(u) ? u.kind : '', 'town') };
  }
  const cadres: Meta['cadres'] = {};
  for (const c of arr(src.cadres)) {
    const o = isObj(c) ? c : {};
    const { id, name } = idName(c);
    if (id) cadres[id] = { name, unit: str(o.unit), group: str(o.group), title: str(o.title) };
  }
  const current = str(season.currentPeriod ?? src.currentPeriod) || null;
  return {
    name: str(src.name ?? src.raceName, str(season.name)),
    season: { id: str(season.id), name: str(season.name), currentPeriod: current },
    periods,
    tracks: arr(src.tracks).map((t) => readTrack(t, src.rules)),
    groups: arr(src.groups).map((g) => ({ ...idName(g), units: strs(isObj(g) ? g.units : []), tracks: strs(isObj(g) ? g.tracks : []) })),
    units,
    cadreGroups: arr(src.cadreGroups).map(idName),
    cadres,
    raterGroups: arr(src.raterGroups).map(idName),
    published: (Array.isArray(root.published) ? root.published : []).filter(isObj).map((p) => ({ period: str(p.period), version: Number(p.version) || 0, at: str(p.at) })),
    version: typeof root.version === 'number' ? root.version : 0,
  };
}

export const EMPTY_META: Meta = normalizeMeta({});

/** Adds cadre names from `GET /api/cadres` (items as in the scheme). */
export function withCadres(meta: Meta, items: unknown): Meta {
  const extra = normalizeMeta({ cadres: items }).cadres;
  return { ...meta, cadres: { ...meta.cadres, ...extra } };
}

/** Display name helpers that fall back to the id, never to HTML. */
export function unitName(meta: Meta, id: string): string {
  return meta.units[id]?.name ?? id;
}
export function trackName(meta: Meta, id: string | null): string {
  return (id && meta.tracks.find((t) => t.id === id)?.name) || id || '';
}
export function groupName(meta: Meta, id: string): string {
  return meta.groups.find((g) => g.id === id)?.name ?? id;
}
export function periodName(meta: Meta, id: string | null): string {
  return (id && meta.periods.find((p) => p.id === id)?.name) || id || '';
}
