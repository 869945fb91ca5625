/**
 * Synthetic race for the screen benchmark: one board of `units` rows changing one score per
 * update, producing the same kind of diffs the server sends (changed fields only).
 */
import type { Board, Row, Standings, StandingsDiff } from '../../../shared/standings.ts';

export const BENCH_KEY = 'track|bench|t|g';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rank(scores: Map<string, number>, prev: Record<string, Row> | null): Record<string, Row> {
  const ids = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || (a < b ? -1 : 1));
  const rows: Record<string, Row> = {};
  ids.forEach((id, i) => {
    const p = prev?.[id]?.prevRank ?? null;
    rows[id] = { score: Math.round(scores.get(id)! * 1e4) / 1e4, rank: i + 1, prevRank: p, change: p === null ? null : p - (i + 1), grade: null, flag: i === 0 ? 'red' : i === ids.length - 1 ? 'yellow' : null, light: null, list: null, warning: false, vetoed: false, hasData: true };
  });
  return rows;
}

export class SyntheticRace {
  private readonly random = rng(42);
  private readonly scores = new Map<string, number>();
  private board: Board;
  version = 1;

  constructor(units: number) {
    for (let i = 0; i < units; i++) this.scores.set(`U${String(i).padStart(4, '0')}`, 60 + this.random() * 40);
    const rows = rank(this.scores, null);
    for (const r of Object.values(rows)) {
      r.prevRank = r.rank;
      r.change = 0;
    }
    this.board = { ref: { kind: 'track', period: 'bench', track: 't', group: 'g' }, rows };
  }

  standings(): Standings {
    return { version: this.version, boards: { [BENCH_KEY]: structuredClone(this.board) }, cadres: {} };
  }

  /** One update: a unit's score moves; returns the diff. */
  next(): StandingsDiff {
    const ids = [...this.scores.keys()];
    const id = ids[Math.floor(this.random() * ids.length)]!;
    this.scores.set(id, Math.min(110, Math.max(30, this.scores.get(id)! + (this.random() - 0.45) * 12)));
    const next = rank(this.scores, this.board.rows);
    const rows: Record<string, Partial<Row>> = {};
    for (const [u, r] of Object.entries(next)) {
      const o = this.board.rows[u]!;
      if (o.score !== r.score || o.rank !== r.rank || o.flag !== r.flag || o.change !== r.change) rows[u] = { score: r.score, rank: r.rank, flag: r.flag, change: r.change };
    }
    this.board = { ...this.board, rows: next };
    const d: StandingsDiff = { from: this.version, to: this.version + 1, boards: { [BENCH_KEY]: { rows } } };
    this.version++;
    return d;
  }
}
