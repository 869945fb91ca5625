/** Lookups derived from a scheme, computed once per scheme object. */
import type { Scheme } from '../../shared/scheme.ts';

const owners = new WeakMap<Scheme, Map<string, string | undefined>>();
const unitGroups = new WeakMap<Scheme, Map<string, string[]>>();

/** Indicator code → owner department. */
export function indicatorOwners(scheme: Scheme): Map<string, string | undefined> {
  let m = owners.get(scheme);
  if (!m) {
    m = new Map();
    for (const t of scheme.tracks) for (const i of t.indicators) if (!m.has(i.code) || i.owner) m.set(i.code, i.owner);
    owners.set(scheme, m);
  }
  return m;
}

/** Unit id → the groups it belongs to. */
export function groupsOfUnit(scheme: Scheme): Map<string, string[]> {
  let m = unitGroups.get(scheme);
  if (!m) {
    m = new Map();
    for (const g of scheme.groups) for (const u of g.units) m.set(u, [...(m.get(u) ?? []), g.id]);
    unitGroups.set(scheme, m);
  }
  return m;
}
