/**
 * The offline standings report printed by `npm run score`: every board in scheme order with its
 * rows in display order and, for each unit, the explanation its score is made of.
 */
import type { Engine } from '../../shared/engine/types.ts';
import { boardKey, cadreBoardKey, orderRows } from '../../shared/standings.ts';
import type { Board, BoardKind, Row } from '../../shared/standings.ts';

export interface ReportOptions {
  /** Include each row's explanation (default true). */
  explain?: boolean;
}

type ReportRow = Row & { unit: string; name: string; explanation?: unknown };
interface GroupTable {
  group: string;
  name: string;
  rows: ReportRow[];
}

export function buildReport(engine: Engine, opts: ReportOptions = {}) {
  const scheme = engine.scheme;
  const explain = opts.explain ?? true;
  const st = engine.standings();
  const unitName = new Map(scheme.units.map((u) => [u.id, u.name]));
  const published = new Map(engine.published().map((p) => [p.period, p]));

  const table = (kind: BoardKind, period: string | null, track: string | null, why: (unit: string) => unknown): GroupTable[] =>
    scheme.groups.flatMap((g) => {
      if (track && !g.tracks.includes(track)) return [];
      const board: Board | undefined = st.boards[boardKey({ kind, period, track, group: g.id })];
      if (!board) return [];
      const rows = orderRows(board.rows).map(([unit, row]) => ({
        unit,
        name: unitName.get(unit) ?? unit,
        ...row,
        ...(explain && { explanation: why(unit) }),
      }));
      return [{ group: g.id, name: g.name, rows }];
    });

  const periods = scheme.season.periods.flatMap((p) => {
    const tracks = scheme.tracks
      .map((t) => ({ track: t.id, name: t.name, groups: table('track', p.id, t.id, (u) => engine.explainUnit(p.id, t.id, u)) }))
      .filter((t) => t.groups.length);
    if (!tracks.length) return [];
    const pub = published.get(p.id);
    return [{
      period: p.id,
      name: p.name,
      published: pub ? { version: pub.version, at: pub.at } : null,
      tracks,
      overall: table('overall', p.id, null, (u) => engine.explainOverall(p.id, u)),
    }];
  });

  const season = {
    tracks: scheme.tracks
      .map((t) => ({ track: t.id, name: t.name, groups: table('season', null, t.id, (u) => engine.explainSeason(t.id, u)) }))
      .filter((t) => t.groups.length),
    overall: table('season-overall', null, null, (u) => engine.explainOverall(null, u)),
  };

  const cadreById = new Map(scheme.cadres.map((c) => [c.id, c]));
  const cadres = scheme.season.periods.flatMap((p) =>
    scheme.cadreGroups.flatMap((cg) => {
      const board = st.cadres[cadreBoardKey(p.id, cg.id)];
      if (!board) return [];
      const rows = orderRows(board.rows).map(([cadre, row]) => {
        const c = cadreById.get(cadre);
        return {
          cadre,
          name: c?.name ?? cadre,
          title: c?.title ?? null,
          unit: c?.unit ?? null,
          ...row,
          ...(explain && { explanation: engine.explainCadre(p.id, cadre) }),
        };
      });
      return [{ period: p.id, cadreGroup: cg.id, name: cg.name, rows }];
    }),
  );

  return {
    scheme: scheme.name,
    season: { id: scheme.season.id, name: scheme.season.name, currentPeriod: scheme.season.currentPeriod ?? null },
    version: st.version,
    periods,
    seasonTotals: season,
    cadres,
  };
}

export type Report = ReturnType<typeof buildReport>;
