/** Names and order for the what-if list: board titles from the scheme, boards sorted for reading. */
import type { Scheme } from '../../../../../shared/scheme.ts';
import type { BoardChange, WhatIfRef } from './what-if.ts';

export interface Names {
  period: Map<string, { name: string; index: number }>;
  track: Map<string, { name: string; index: number }>;
  group: Map<string, { name: string; index: number }>;
  cadreGroup: Map<string, { name: string; index: number }>;
  unit: Map<string, string>;
  cadre: Map<string, string>;
}

const indexed = <T>(items: T[], id: (x: T) => string, name: (x: T) => string) => new Map(items.map((x, index) => [id(x), { name: name(x), index }]));

/** Names from the edited scheme, falling back to the saved one (for things the edit removes). */
export function namesOf(...schemes: Array<Scheme | null | undefined>): Names {
  const n: Names = { period: new Map(), track: new Map(), group: new Map(), cadreGroup: new Map(), unit: new Map(), cadre: new Map() };
  for (const s of schemes.slice().reverse()) {
    if (!s) continue;
    for (const [k, v] of indexed(s.season.periods, (p) => p.id, (p) => p.name)) n.period.set(k, v);
    for (const [k, v] of indexed(s.tracks, (p) => p.id, (p) => p.name)) n.track.set(k, v);
    for (const [k, v] of indexed(s.groups, (p) => p.id, (p) => p.name)) n.group.set(k, v);
    for (const [k, v] of indexed(s.cadreGroups, (p) => p.id, (p) => p.name)) n.cadreGroup.set(k, v);
    for (const u of s.units) n.unit.set(u.id, u.name);
    for (const c of s.cadres) n.cadre.set(c.id, c.name);
  }
  return n;
}

const KIND_ORDER: Record<WhatIfRef['kind'], number> = { overall: 0, track: 1, 'season-overall': 2, season: 3, cadre: 4 };

/** Overall boards first, then tracks, season totals, cadres; within a kind by period, track, group. */
export function sortBoards(boards: BoardChange[], names: Names): BoardChange[] {
  const idx = (m: Map<string, { index: number }>, k: string | null) => (k === null ? -1 : (m.get(k)?.index ?? 1e9));
  const key = (b: BoardChange): number[] => {
    const r = b.ref;
    if (r.kind === 'cadre') return [KIND_ORDER.cadre, -idx(names.period, r.period), idx(names.cadreGroup, r.cadreGroup), 0];
    // latest period first: that is what people look at
    return [KIND_ORDER[r.kind], -idx(names.period, r.period), idx(names.track, r.track), idx(names.group, r.group)];
  };
  return boards
    .map((b) => ({ b, k: key(b) }))
    .sort((x, y) => {
      for (let i = 0; i < x.k.length; i++) if (x.k[i] !== y.k[i]) return x.k[i]! - y.k[i]!;
      return x.b.key < y.b.key ? -1 : 1;
    })
    .map((x) => x.b);
}

/** The parts of a board's title (kind label is added by the view, in its language). */
export function boardParts(ref: WhatIfRef, names: Names): string[] {
  const nm = (m: Map<string, { name: string }>, k: string | null) => (k === null ? null : (m.get(k)?.name ?? k));
  if (ref.kind === 'cadre') return [nm(names.period, ref.period)!, nm(names.cadreGroup, ref.cadreGroup)!];
  return [nm(names.period, ref.period), nm(names.track, ref.track), nm(names.group, ref.group)].filter((x): x is string => x !== null);
}
