/**
 * A stand-in for the real server while it is being built: a small county with plausible
 * standings, and a feeder that changes one score at a time and produces the diff. Used by the
 * mock server for screenshots and client end-to-end checks; the real server replaces it.
 */
import type { Board, Row, Standings, StandingsDiff } from '../../shared/standings.ts';
import { boardKey } from '../../shared/standings.ts';
import { mulberry32 as rng } from '../../server/demo/random.ts';


export const TOWNS = ['城关镇', '河口镇', '新桥镇', '石门镇', '白沙镇', '柳林镇', '青山镇', '龙潭镇', '凤凰镇', '双河镇', '金岭镇', '<img src=x onerror=alert(1)>'];
export const DEPTS = ['发改委', '财政局', '住建局', '交通局', '农业农村局', '商务局', '市场监管局', '自然资源局', '生态环境局', '水利局', '应急管理局', '人社局', '教育局', '卫健委', '文旅局', '数据局', '信访局', '民政局', '统计局', '司法局'];
export const TRACKS = [
  { id: 'rural', name: '乡村振兴' },
  { id: 'project', name: '项目建设' },
  { id: 'business', name: '为企服务' },
  { id: 'governance', name: '基层治理' },
];
export const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map((id, i) => ({ id, name: `${i + 1}月`, kind: 'month' }));

export function mockMeta() {
  const units = [...TOWNS.map((name, i) => ({ id: `T${String(i + 1).padStart(2, '0')}`, name, kind: 'town' })), ...DEPTS.map((name, i) => ({ id: `D${String(i + 1).padStart(2, '0')}`, name, kind: 'department' }))];
  return {
    name: '2026年度一线赛马',
    season: { id: 'S2026', name: '2026年度', periods: PERIODS, currentPeriod: '2026-10' },
    tracks: TRACKS,
    groups: [
      { id: 'strong', name: '经济强镇组', units: units.slice(0, 6).map((u) => u.id), tracks: TRACKS.map((t) => t.id) },
      { id: 'eco', name: '生态镇组', units: units.slice(6, 12).map((u) => u.id), tracks: TRACKS.map((t) => t.id) },
      { id: 'depts', name: '县直部门组', units: units.slice(12).map((u) => u.id), tracks: TRACKS.map((t) => t.id) },
    ],
    units,
    cadreGroups: [{ id: 'secretary', name: '乡镇党委书记' }],
    cadres: [],
  };
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Ranks scores into rows with flags, lights, lists and grades (a simplified engine). */
export function rankRows(scores: Record<string, number>, prev: Record<string, Row> | null, vetoed: Set<string> = new Set()): Record<string, Row> {
  const ids = Object.keys(scores).sort((a, b) => Number(vetoed.has(a)) - Number(vetoed.has(b)) || (scores[b] ?? 0) - (scores[a] ?? 0) || (a < b ? -1 : 1));
  const n = ids.length;
  const rows: Record<string, Row> = {};
  let rank = 0;
  ids.forEach((id, i) => {
    const s = r4(scores[id] ?? 0);
    const before = i > 0 ? ids[i - 1] : undefined;
    if (i === 0 || before === undefined || r4(scores[before] ?? 0) !== s || vetoed.has(before) !== vetoed.has(id)) rank = i + 1;
    const prevRank = prev?.[id]?.rank ?? null;
    const share = i / n;
    rows[id] = {
      score: s,
      rank,
      prevRank,
      change: prevRank === null ? null : prevRank - rank,
      grade: s >= 90 && i < Math.max(1, Math.floor(n * 0.2)) && !vetoed.has(id) ? '优秀' : s >= 80 ? '良好' : s >= 60 ? '一般' : '较差',
      flag: i === 0 && !vetoed.has(id) ? 'red' : i === n - 1 ? 'yellow' : null,
      light: share >= 0.9 ? 'red' : share >= 0.7 ? 'yellow' : 'green',
      list: i < 3 ? 'red' : i >= n - 3 ? 'black' : null,
      warning: i === n - 1 && (prev?.[id]?.rank ?? 0) === n,
      vetoed: vetoed.has(id),
      hasData: true,
    };
  });
  return rows;
}

export class MockCounty {
  readonly meta = mockMeta();
  version = 1;
  private readonly scores = new Map<string, Record<string, number>>();
  private readonly boards: Record<string, Board> = {};
  private readonly random: () => number;

  constructor(seed = 7) {
    this.random = rng(seed);
    for (const g of this.meta.groups) {
      let prevTrack: Record<string, Record<string, Row>> = {};
      let prevOverall: Record<string, Row> | null = null;
      for (const p of PERIODS) {
        const trackRows: Record<string, Record<string, Row>> = {};
        for (const t of TRACKS) {
          const sc: Record<string, number> = {};
          for (const u of g.units) sc[u] = 60 + this.random() * 38;
          const veto = g.id === 'depts' && t.id === 'governance' ? new Set(['D11']) : new Set<string>();
          const key = boardKey({ kind: 'track', period: p.id, track: t.id, group: g.id });
          this.scores.set(key, sc);
          trackRows[t.id] = rankRows(sc, prevTrack[t.id] ?? null, veto);
          this.boards[key] = { ref: { kind: 'track', period: p.id, track: t.id, group: g.id }, rows: trackRows[t.id]! };
        }
        const overall = this.overallScores(g.id, p.id);
        const rows = rankRows(overall, prevOverall);
        this.boards[boardKey({ kind: 'overall', period: p.id, track: null, group: g.id })] = { ref: { kind: 'overall', period: p.id, track: null, group: g.id }, rows };
        prevOverall = rows;
        prevTrack = trackRows;
      }
    }
  }

  private overallScores(group: string, period: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of TRACKS) {
      const sc = this.scores.get(boardKey({ kind: 'track', period, track: t.id, group })) ?? {};
      for (const [u, s] of Object.entries(sc)) out[u] = (out[u] ?? 0) + s / TRACKS.length;
    }
    return out;
  }

  standings(rooms?: string[]): Standings {
    const boards: Record<string, Board> = {};
    for (const [k, b] of Object.entries(this.boards)) if (!rooms || rooms.includes(`group:${b.ref.group}`)) boards[k] = structuredClone(b);
    return { version: this.version, boards, cadres: {} };
  }

  /** Sets one score in the current period and returns the diff (changed fields only). */
  set(group: string, track: string, unit: string, score: number): StandingsDiff {
    const period = PERIODS.at(-1)!.id;
    const prevPeriod = PERIODS.at(-2)!.id;
    const diff: StandingsDiff = { from: this.version, to: this.version + 1, boards: {} };
    const update = (key: string, scores: Record<string, number>, prevKey: string, veto: Set<string>): void => {
      const b = this.boards[key]!;
      const next = rankRows(scores, this.boards[prevKey]?.rows ?? null, veto);
      const rows: Record<string, Partial<Row>> = {};
      for (const [id, r] of Object.entries(next)) {
        const old = b.rows[id];
        const part: Partial<Row> = {};
        for (const f of Object.keys(r) as Array<keyof Row>) if (!old || old[f] !== r[f]) (part as Record<string, unknown>)[f] = r[f];
        if (Object.keys(part).length) rows[id] = part;
      }
      b.rows = next;
      if (Object.keys(rows).length) diff.boards![key] = { rows };
    };
    const key = boardKey({ kind: 'track', period, track, group });
    const sc = this.scores.get(key)!;
    sc[unit] = score;
    const veto = group === 'depts' && track === 'governance' ? new Set(['D11']) : new Set<string>();
    update(key, sc, boardKey({ kind: 'track', period: prevPeriod, track, group }), veto);
    update(boardKey({ kind: 'overall', period, track: null, group }), this.overallScores(group, period), boardKey({ kind: 'overall', period: prevPeriod, track: null, group }), new Set());
    this.version++;
    return diff;
  }

  /** A random plausible change. */
  tick(): StandingsDiff {
    const g = this.meta.groups[Math.floor(this.random() * this.meta.groups.length)]!;
    const t = TRACKS[Math.floor(this.random() * TRACKS.length)]!;
    const u = g.units[Math.floor(this.random() * g.units.length)]!;
    const sc = this.scores.get(boardKey({ kind: 'track', period: PERIODS.at(-1)!.id, track: t.id, group: g.id }))!;
    const next = Math.min(100, Math.max(40, (sc[u] ?? 70) + (this.random() - 0.4) * 8));
    return this.set(g.id, t.id, u, next);
  }
}
