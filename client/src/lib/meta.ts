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
export interface Meta {
  name: string;
  season: { id: string; name: string; currentPeriod: string | null };
  periods: MetaPeriod[];
  tracks: Array<{ id: string; name: string }>;
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
    tracks: arr(src.tracks).map(idName),
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
