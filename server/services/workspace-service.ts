/**
 * The unit workspace (单位自查): everything a unit sees about itself in one reply — rank per
 * track and overall with the gaps to the unit above and to the leader, the points lost per
 * indicator (短板), the trend over the season, its bonuses, deductions and vetoes with their
 * waivers, the feedback of the organization department and its appeals. Every number comes from
 * the engine's standings and explanations of the same version.
 */
import type { Board, Row, Standings } from '../../shared/standings.ts';
import { boardKey, orderRows } from '../../shared/standings.ts';
import type { Scheme } from '../../shared/scheme.ts';
import type { RaceService } from './race-service.ts';
import type { Storage } from '../storage/storage.ts';
import type { FeedbackService } from './feedback-service.ts';
import type { AppealService } from './appeal-service.ts';
import { unitItems } from './unit-items.ts';
import { errors } from '../http/errors.ts';

/** Display rounding (4 decimals) of differences of engine scores. */
export const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

interface Position {
  rank: number;
  of: number;
  score: number;
  change: number | null;
  gapToAbove: number | null;
  gapToLeader: number | null;
  aboveUnit: { id: string; name: string } | null;
  leaderUnit: { id: string; name: string } | null;
}

/** Where a unit stands on a board: rank, size, and how far it is behind the unit above and the leader. */
export function positionOn(board: Board | undefined, unit: string, names: Map<string, string>): (Position & { row: Row }) | null {
  const row = board?.rows[unit];
  if (!board || !row) return null;
  const order = orderRows(board.rows);
  const leader = order[0]!;
  // The unit above: the nearest one ranked strictly better (units sharing my rank are level with me).
  let above: [string, Row] | undefined;
  for (let i = order.findIndex(([id]) => id === unit) - 1; i >= 0; i--) {
    if (order[i]![1].rank < row.rank) {
      above = order[i];
      break;
    }
  }
  const who = (x: [string, Row] | undefined) => (x ? { id: x[0], name: names.get(x[0]) ?? x[0] } : null);
  const first = leader[0] === unit || leader[1].rank === row.rank;
  return {
    row,
    rank: row.rank,
    of: order.length,
    score: row.score,
    change: row.change,
    gapToAbove: above ? r4(above[1].score - row.score) : null,
    gapToLeader: first ? null : r4(leader[1].score - row.score),
    aboveUnit: who(above),
    leaderUnit: first ? null : who(leader),
  };
}

export function groupOfUnit(scheme: Scheme, unit: string) {
  return scheme.groups.find((g) => g.units.includes(unit)) ?? null;
}

export function createWorkspaceService(deps: { storage: Storage; race: RaceService; feedback: FeedbackService; appeals: AppealService }) {
  const { storage, race } = deps;

  async function workspace(unitId: string, periodId?: string) {
    const engine = race.engine;
    const scheme = race.scheme();
    if (!engine || !scheme) throw errors.noScheme();
    const unit = scheme.units.find((u) => u.id === unitId);
    if (!unit) throw errors.notFound();
    const periods = scheme.season.periods;
    const period = periods.find((p) => p.id === (periodId ?? scheme.season.currentPeriod ?? periods[0]!.id));
    if (!period) throw errors.badRequest(`考核期「${periodId}」不存在。`, `Period "${periodId}" does not exist.`);
    const group = groupOfUnit(scheme, unitId);
    const s: Standings = race.standings();
    const version = race.version;
    const names = new Map(scheme.units.map((u) => [u.id, u.name]));
    const board = (kind: 'track' | 'overall' | 'season' | 'season-overall', p: string | null, t: string | null) =>
      group ? s.boards[boardKey({ kind, period: p, track: t, group: group.id })] : undefined;

    const tracks = (group?.tracks ?? []).flatMap((tid) => {
      const track = scheme.tracks.find((t) => t.id === tid);
      if (!track) return [];
      const pos = positionOn(board('track', period.id, tid), unitId, names);
      const season = positionOn(board('season', null, tid), unitId, names);
      const ex = engine.explainUnit(period.id, tid, unitId);
      const parts = ex?.parts ?? [];
      const indicators = parts
        .flatMap((p) => (p.kind === 'indicator' ? [p] : []))
        .map((p) => ({
          id: p.code,
          name: p.name,
          measure: p.measure,
          value: p.value,
          status: p.status,
          excluded: p.excluded,
          points: p.points,
          fullMarks: p.fullMarks,
          lost: r4(p.fullMarks - p.points),
        }))
        .sort((a, b) => b.lost - a.lost || a.id.localeCompare(b.id));
      const bonus = parts.find((p) => p.kind === 'bonus');
      const deduction = parts.find((p) => p.kind === 'deduction');
      const scale = parts.find((p) => p.kind === 'scale');
      return [
        {
          track: { id: track.id, name: track.name },
          rank: pos?.rank ?? null,
          of: pos?.of ?? null,
          score: ex?.total ?? pos?.score ?? null,
          fullMarks: track.totalMarks,
          change: pos?.change ?? null,
          grade: pos?.row.grade ?? null,
          flag: pos?.row.flag ?? null,
          light: pos?.row.light ?? null,
          list: pos?.row.list ?? null,
          warning: pos?.row.warning ?? false,
          vetoed: ex?.vetoed ?? pos?.row.vetoed ?? false,
          hasData: pos?.row.hasData ?? false,
          gapToAbove: pos?.gapToAbove ?? null,
          gapToLeader: pos?.gapToLeader ?? null,
          aboveUnit: pos?.aboveUnit ?? null,
          leaderUnit: pos?.leaderUnit ?? null,
          seasonScore: season?.score ?? null,
          seasonRank: season?.rank ?? null,
          indicators,
          /** Bonus counted (after the cap). */
          bonus: bonus?.points ?? 0,
          /** Points deducted (positive), after waivers and the cap. */
          deductions: deduction ? -deduction.points : 0,
          /** Points of deductions waived by 容错 decisions. */
          waived: deduction?.kind === 'deduction' ? r4(deduction.items.reduce((x, i) => x + i.waived, 0)) : 0,
          /** Missing-value policy `exclude`: the rescaling line (0 when none). */
          scale: scale?.points ?? 0,
          vetoes: ex?.vetoes ?? [],
        },
      ];
    });

    const overallPos = positionOn(board('overall', period.id, null), unitId, names);
    const seasonAll = positionOn(board('season-overall', null, null), unitId, names);
    const overall = {
      rank: overallPos?.rank ?? null,
      of: overallPos?.of ?? null,
      score: overallPos?.score ?? null,
      change: overallPos?.change ?? null,
      grade: overallPos?.row.grade ?? null,
      gapToAbove: overallPos?.gapToAbove ?? null,
      gapToLeader: overallPos?.gapToLeader ?? null,
      aboveUnit: overallPos?.aboveUnit ?? null,
      leaderUnit: overallPos?.leaderUnit ?? null,
      seasonScore: seasonAll?.score ?? null,
      seasonRank: seasonAll?.rank ?? null,
    };

    const trend = periods.flatMap((p) => {
      const o = board('overall', p.id, null)?.rows[unitId];
      const per: Record<string, { score: number; rank: number }> = {};
      for (const tid of group?.tracks ?? []) {
        const r = board('track', p.id, tid)?.rows[unitId];
        if (r) per[tid] = { score: r.score, rank: r.rank };
      }
      if (!o && !Object.keys(per).length) return [];
      return [{ period: p.id, periodName: p.name, overallScore: o?.score ?? null, overallRank: o?.rank ?? null, tracks: per }];
    });

    const items = await unitItems(storage, unitId);
    const newestFirst = <T extends { seq: number }>(xs: T[]) => [...xs].sort((a, b) => b.seq - a.seq);
    const [feedback, appeals] = await Promise.all([deps.feedback.list(unitId), deps.appeals.list({ unit: unitId })]);
    return {
      version,
      unit: { id: unit.id, name: unit.name, kind: unit.kind, group: group ? { id: group.id, name: group.name } : null },
      period: { id: period.id, name: period.name },
      periods: periods.map((p) => ({ id: p.id, name: p.name })),
      tracks,
      overall,
      trend,
      adjustments: newestFirst(items.adjustments),
      vetoes: newestFirst(items.vetoes),
      feedback,
      appeals,
    };
  }

  return { workspace };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
