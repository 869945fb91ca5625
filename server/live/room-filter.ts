/**
 * Cutting standings and diffs down to a set of rooms. A socket's rooms form a "signature"; the
 * filtered diff is computed once per signature per version and broadcast to that signature's
 * Socket.IO room, so every socket gets exactly one patch per version whatever its rooms.
 */
import { parseBoardKey, type Standings, type StandingsDiff } from '../../shared/standings.ts';

export interface RoomSet {
  groups: Set<string>;
  cadres: boolean;
  units: Set<string>;
  admin: boolean;
}

export function roomSet(rooms: Iterable<string>): RoomSet {
  const s: RoomSet = { groups: new Set(), cadres: false, units: new Set(), admin: false };
  for (const r of rooms) {
    if (r.startsWith('group:')) s.groups.add(r.slice(6));
    else if (r.startsWith('unit:')) s.units.add(r.slice(5));
    else if (r === 'cadres') s.cadres = true;
    else if (r === 'admin') s.admin = true;
  }
  return s;
}

/** The Socket.IO room that carries patches for sockets holding exactly these board rooms. */
export function signatureRoom(s: RoomSet): string {
  return `sig:${[...s.groups].sort().join(',')}|${s.cadres ? 'c' : ''}`;
}

export function parseSignature(room: string): RoomSet | null {
  if (!room.startsWith('sig:')) return null;
  const [groups = '', c] = room.slice(4).split('|');
  return { groups: new Set(groups ? groups.split(',') : []), cadres: c === 'c', units: new Set(), admin: false };
}

/** Group of each board key seen (a few thousand in a province season), parsed once. */
const groups = new Map<string, string | null>();
function groupOf(key: string): string | null {
  let g = groups.get(key);
  if (g === undefined) {
    if (groups.size >= 100_000) groups.clear();
    groups.set(key, (g = parseBoardKey(key)?.group ?? null));
  }
  return g;
}

function pick<T>(rec: Record<string, T> | undefined, keep: (k: string) => boolean): Record<string, T> | undefined {
  if (!rec) return undefined;
  let out: Record<string, T> | undefined;
  for (const k of Object.keys(rec)) if (keep(k)) (out ??= {})[k] = rec[k]!;
  return out;
}

/** The part of a diff these rooms see; always carries from/to, even when empty. */
export function filterDiff(d: StandingsDiff, s: RoomSet): StandingsDiff {
  const inGroups = (k: string) => {
    const g = groupOf(k);
    return g !== null && s.groups.has(g);
  };
  const out: StandingsDiff = { from: d.from, to: d.to };
  const added = pick(d.added, inGroups);
  const boards = pick(d.boards, inGroups);
  const dropped = d.dropped?.filter(inGroups);
  if (added) out.added = added;
  if (boards) out.boards = boards;
  if (dropped?.length) out.dropped = dropped;
  if (s.cadres) {
    if (d.cadresAdded) out.cadresAdded = d.cadresAdded;
    if (d.cadres) out.cadres = d.cadres;
    if (d.cadresDropped?.length) out.cadresDropped = d.cadresDropped;
  }
  return out;
}

export function filterStandings(st: Standings, s: RoomSet): Standings {
  const boards = pick(st.boards, (k) => s.groups.has(groupOf(k) ?? '')) ?? {};
  return { version: st.version, boards, cadres: s.cadres ? st.cadres : {} };
}

/** Units whose rows changed in a diff (their private detail changed too). */
export function unitsTouched(d: StandingsDiff): Set<string> {
  const out = new Set<string>();
  for (const p of Object.values(d.boards ?? {})) {
    for (const u of Object.keys(p.rows ?? {})) out.add(u);
    for (const u of p.removed ?? []) out.add(u);
  }
  for (const b of Object.values(d.added ?? {})) for (const u of Object.keys(b.rows)) out.add(u);
  return out;
}
