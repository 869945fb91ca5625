/**
 * What the wall display rotates through: one slide per (group, track) in single view, one per
 * group in quad view. Pure, so the order can be tested and two screens with the same link agree.
 */
import type { Meta } from '../lib/meta.ts';
import type { ScreenParams } from './params.ts';

/** `track` null = the overall (综合) board. */
export interface Slide {
  group: string;
  track: string | null;
}

export const OVERALL = 'overall';

/** Groups the screen shows: the `groups` parameter (known ones, in its order) or all. */
export function screenGroups(meta: Meta, p: Pick<ScreenParams, 'groups'>): string[] {
  const known = new Set(meta.groups.map((g) => g.id));
  const picked = p.groups.filter((g) => known.has(g));
  return picked.length ? picked : meta.groups.map((g) => g.id);
}

/** Tracks of a group the screen shows, in the `tracks` parameter's order when given. */
export function groupTracks(meta: Meta, group: string, p: Pick<ScreenParams, 'tracks'>): Array<string | null> {
  const g = meta.groups.find((x) => x.id === group);
  const own = g?.tracks.length ? g.tracks : meta.tracks.map((t) => t.id);
  if (!p.tracks.length) return own;
  return p.tracks.filter((t) => t === OVERALL || own.includes(t)).map((t) => (t === OVERALL ? null : t));
}

/** The rotation: single view cycles groups × tracks; quad view cycles groups. */
export function slides(meta: Meta, p: Pick<ScreenParams, 'groups' | 'tracks' | 'view'>): Slide[] {
  const out: Slide[] = [];
  for (const group of screenGroups(meta, p)) {
    const tracks = groupTracks(meta, group, p);
    if (p.view === 'quad') {
      out.push({ group, track: tracks.find((t) => t !== null) ?? null });
      continue;
    }
    for (const track of tracks) out.push({ group, track });
  }
  return out;
}

/** Index after `i` in a rotation of `n` (wraps; 0 for an empty rotation). */
export function nextSlide(i: number, n: number, step = 1): number {
  return n <= 0 ? 0 : (((i + step) % n) + n) % n;
}
