/**
 * A board kept in display order under point updates: moving one entry costs O(distance moved),
 * and only the ranks in the moved range are recomputed. Every change to a published field is
 * written to the diff as it happens.
 */
import type { BoardKind, Row } from '../standings.ts';
import type { CBand } from './compile.ts';
import type { DeriveInput } from './derive.ts';
import { assignRanks, compareEntries, deriveBoard, FLAGS, LIGHTS, LISTS } from './derive.ts';
import type { DiffBuilder } from './diff-builder.ts';
import type { Rules } from '../scheme.ts';

let buf = { grade: new Int8Array(0), flag: new Int8Array(0), list: new Int8Array(0), light: new Int8Array(0) };
/** Reused output buffers for derive passes (one board derives at a time). */
function scratch(n: number): typeof buf {
  if (buf.grade.length < n) buf = { grade: new Int8Array(n), flag: new Int8Array(n), list: new Int8Array(n), light: new Int8Array(n) };
  return buf;
}

export interface BoardOptions {
  key: string;
  kind: BoardKind | 'cadre';
  ids: string[];
  ord: Int32Array;
  bands: CBand[];
  rules: Rules;
  light?: DeriveInput['light'];
}

export class RankedBoard {
  readonly key: string;
  readonly kind: BoardKind | 'cadre';
  readonly ids: string[];
  readonly n: number;
  readonly score: Int32Array;
  readonly vetoed: Uint8Array;
  readonly hasData: Uint8Array;
  readonly order: Int32Array;
  readonly pos: Int32Array;
  readonly rank: Int32Array;
  readonly prevRank: Int32Array;
  readonly warning: Uint8Array;
  readonly grade: Int8Array;
  readonly flag: Int8Array;
  readonly list: Int8Array;
  readonly light: Int8Array;
  /** Entries whose rank changed since the caller last cleared this (collected only when `tracksMoves`). */
  readonly rankMoved = new Set<number>();
  /** Set when a later period's board takes its rank changes from this one. */
  tracksMoves = false;
  /** Set when a flag changed in the last `derive` (warnings downstream need a look). */
  flagsChanged = false;
  private dirty = false;
  private readonly ordOf: (i: number) => number;

  constructor(private readonly o: BoardOptions) {
    this.key = o.key;
    this.kind = o.kind;
    this.ids = o.ids;
    const n = (this.n = o.ids.length);
    this.score = new Int32Array(n);
    this.vetoed = new Uint8Array(n);
    this.hasData = new Uint8Array(n);
    this.order = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.rank = new Int32Array(n);
    this.prevRank = new Int32Array(n).fill(-1);
    this.warning = new Uint8Array(n);
    this.grade = new Int8Array(n).fill(-1);
    this.flag = new Int8Array(n);
    this.list = new Int8Array(n);
    this.light = new Int8Array(n);
    const ord = o.ord;
    this.ordOf = (i) => ord[i]!;
  }

  /** Sorts everything from scratch (after the arrays were filled directly). */
  sortAll(): void {
    const idx = Array.from({ length: this.n }, (_, i) => i);
    idx.sort((a, b) => compareEntries(a, b, this.score, this.vetoed, this.ordOf));
    idx.forEach((i, q) => {
      this.order[q] = i;
      this.pos[i] = q;
    });
    assignRanks(this.order, this.n, this.score, this.vetoed, this.rank);
    this.dirty = true;
  }

  /** Sets one entry's values, repositions it and records what changed. */
  set(i: number, score: number, vetoed: number, hasData: number, diff: DiffBuilder | null): void {
    if (this.hasData[i] !== hasData) {
      this.hasData[i] = hasData;
      if (diff) diff.row(this.key, this.ids[i]!).hasData = hasData === 1;
    }
    if (this.score[i] === score && this.vetoed[i] === vetoed) return;
    if (this.score[i] !== score) {
      this.score[i] = score;
      if (diff) diff.row(this.key, this.ids[i]!).score = score / 10_000;
    }
    if (this.vetoed[i] !== vetoed) {
      this.vetoed[i] = vetoed;
      if (diff) diff.row(this.key, this.ids[i]!).vetoed = vetoed === 1;
    }
    this.move(i, diff);
    this.dirty = true;
  }

  private move(i: number, diff: DiffBuilder | null): void {
    const { order, pos, score, vetoed } = this;
    const from = pos[i]!;
    let q = from;
    while (q > 0 && compareEntries(i, order[q - 1]!, score, vetoed, this.ordOf) < 0) {
      order[q] = order[q - 1]!;
      pos[order[q]!] = q;
      q--;
    }
    while (q < this.n - 1 && compareEntries(i, order[q + 1]!, score, vetoed, this.ordOf) > 0) {
      order[q] = order[q + 1]!;
      pos[order[q]!] = q;
      q++;
    }
    order[q] = i;
    pos[i] = q;
    this.rerank(Math.min(from, q), Math.max(from, q));
    if (diff) {
      // Only the mover's rank is sent; the ranks it shifted follow from the scores (applyDiff re-ranks).
      const row = diff.row(this.key, this.ids[i]!);
      row.rank = this.rank[i]!;
      if (this.prevRank[i]! >= 0) row.change = this.prevRank[i]! - this.rank[i]!;
    }
  }

  /** Recomputes competition ranks from position lo on, until past hi nothing changes. */
  private rerank(lo: number, hi: number): void {
    const { order, rank, score, vetoed } = this;
    for (let q = lo; q < this.n; q++) {
      const i = order[q]!;
      let r = q + 1;
      if (q > 0) {
        const j = order[q - 1]!;
        if (score[j] === score[i] && vetoed[j] === vetoed[i]) r = rank[j]!;
      }
      if (r === rank[i]) {
        if (q > hi) break;
        continue;
      }
      rank[i] = r;
      if (this.tracksMoves) this.rankMoved.add(i);
    }
  }

  setPrevRank(i: number, prev: number, diff: DiffBuilder | null): void {
    if (this.prevRank[i] === prev) return;
    this.prevRank[i] = prev;
    if (diff) {
      const row = diff.row(this.key, this.ids[i]!);
      row.prevRank = prev < 0 ? null : prev;
      row.change = prev < 0 ? null : prev - this.rank[i]!;
    }
  }

  setWarning(i: number, w: number, diff: DiffBuilder | null): void {
    if (this.warning[i] === w) return;
    this.warning[i] = w;
    if (diff) diff.row(this.key, this.ids[i]!).warning = w === 1;
  }

  /** Recomputes grades, flags, lists and lights when anything moved; records the changes. */
  derive(diff: DiffBuilder | null): void {
    this.flagsChanged = false;
    if (!this.dirty || this.kind === 'cadre') {
      this.dirty = false;
      return;
    }
    this.dirty = false;
    const n = this.n;
    const out = scratch(n);
    deriveBoard(
      { kind: this.kind, order: this.order, n, rank: this.rank, score: this.score, vetoed: this.vetoed, bands: this.o.bands, rules: this.o.rules, light: this.o.light },
      out,
    );
    for (let i = 0; i < n; i++) {
      if (out.grade[i] !== this.grade[i]) {
        this.grade[i] = out.grade[i]!;
        if (diff) diff.row(this.key, this.ids[i]!).grade = this.gradeName(i);
      }
      if (out.flag[i] !== this.flag[i]) {
        this.flag[i] = out.flag[i]!;
        this.flagsChanged = true;
        if (diff) diff.row(this.key, this.ids[i]!).flag = FLAGS[this.flag[i]!]!;
      }
      if (out.list[i] !== this.list[i]) {
        this.list[i] = out.list[i]!;
        if (diff) diff.row(this.key, this.ids[i]!).list = LISTS[this.list[i]!]!;
      }
      if (out.light[i] !== this.light[i]) {
        this.light[i] = out.light[i]!;
        if (diff) diff.row(this.key, this.ids[i]!).light = LIGHTS[this.light[i]!]!;
      }
    }
  }

  /** Marks the board for a derive pass (an input of the lights changed). */
  touch(): void {
    this.dirty = true;
  }

  private gradeName(i: number): string | null {
    const g = this.grade[i]!;
    return g >= 0 ? this.o.bands[g]!.name : null;
  }

  row(i: number): Row {
    const pr = this.prevRank[i]!;
    return {
      score: this.score[i]! / 10_000,
      rank: this.rank[i]!,
      prevRank: pr < 0 ? null : pr,
      change: pr < 0 ? null : pr - this.rank[i]!,
      grade: this.gradeName(i),
      flag: FLAGS[this.flag[i]!]!,
      light: LIGHTS[this.light[i]!]!,
      list: LISTS[this.list[i]!]!,
      warning: this.warning[i] === 1,
      vetoed: this.vetoed[i] === 1,
      hasData: this.hasData[i] === 1,
    };
  }
}
