/** Downloadable import templates: the headers the importer reads, one row per unit or cadre × rater group. */
import type { Scheme } from '../../shared/scheme.ts';
import type { Table } from '../exports/write-table.ts';
import { groupIndicators } from '../routes/data-routes.ts';
import { RATING_HEADERS } from './import-ratings.ts';

export function valuesTemplate(scheme: Scheme, period: string, trackId: string, mayWrite: (indicator: string) => boolean): Table {
  const track = scheme.tracks.find((t) => t.id === trackId)!;
  const groups = scheme.groups.filter((g) => g.tracks.includes(trackId));
  const used = new Set(groups.flatMap((g) => groupIndicators(scheme, g.id, trackId)));
  const inds = track.indicators.filter((i) => used.has(i.code) && mayWrite(i.code));
  const names = new Map(scheme.units.map((u) => [u.id, u.name]));
  const periodName = scheme.season.periods.find((p) => p.id === period)?.name ?? period;
  const seen = new Set<string>();
  const rows = groups.flatMap((g) => g.units.filter((u) => !seen.has(u) && seen.add(u)).map((u) => [u, names.get(u) ?? u, ...inds.map(() => null)]));
  return {
    name: `${track.name}-${periodName}`,
    header: ['单位编码', '单位名称', ...inds.map((i) => `${i.name}（${i.code}）`)],
    rows,
    widths: [14, 16, ...inds.map((i) => Math.min(40, [...i.name].length * 2 + 10))],
  };
}

export function ratingsTemplate(scheme: Scheme, period: string): Table {
  const periodName = scheme.season.periods.find((p) => p.id === period)?.name ?? period;
  return {
    name: `民主测评-${periodName}`,
    header: [...RATING_HEADERS],
    rows: scheme.cadres.flatMap((c) => scheme.raterGroups.map((g) => [c.id, c.name, g.id, null, null])),
    widths: [14, 12, 14, 16, 10],
  };
}
