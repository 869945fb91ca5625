/** The rules a schema cannot express, checked in a fixed order on a parsed scheme. */
import type { Problem } from '../engine/types.ts';
import type { Scheme } from '../scheme.ts';
import { formatPath } from './paths.ts';
import type { Add, SchemeContext } from './context.ts';
import { checkCurrentPeriod, checkGrades, checkIds } from './check-structure.ts';
import { checkGroupTracks, checkMembership } from './check-groups.ts';
import { checkTrackRules } from './check-methods.ts';
import { checkCadres } from './check-cadres.ts';
import { checkRanges } from './check-ranges.ts';

/** All semantic problems of `s`: ids, current period, groups, methods, value ranges, overrides, cadres, grade bands. */
export function checkSemantics(s: Scheme): Problem[] {
  const out: Problem[] = [];
  const add: Add = (code, path, zh, en) => out.push({ code, path: formatPath(path), zh, en });
  const units = new Map(s.units.map((u) => [u.id, u]));
  const tracks = new Map(s.tracks.map((t) => [t.id, t]));
  const ctx: SchemeContext = { s, add, units, tracks, unitName: (id) => units.get(id)?.name ?? id };

  checkIds(s, add);
  checkCurrentPeriod(s, add);
  const groupOf = checkMembership(ctx);
  checkTrackRules(ctx);
  checkRanges(ctx);
  checkGroupTracks(ctx);
  checkCadres(ctx, groupOf);
  checkGrades(s, add);
  return out;
}
