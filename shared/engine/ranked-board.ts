/**
 * A board kept in display order under point updates: moving one entry costs O(distance moved),
 * and only the ranks in the moved range are recomputed. Every change to a published field is
 * written to the diff as it happens.
 */
import type { BoardKind, Row } from '../standings.ts';
import type { CBand } from './compile.ts';
import type { DeriveInput } from './derive.ts';
import { assignRanks, bandLimits, cutsOf, FLAGS, flagOf, gradeOf, LIGHTS, lightOf, LISTS, listOf } from './derive.ts';
import type { CodeOrder } from './board-order.ts';
import { displayOrder, reinsert, scratchOld } from './board-order.ts';
import type { DiffBuilder } from './diff-builder.ts';
import { Slab } from './slab.ts';
import { F } from './diff-builder.ts';
import type { Rules } from '../scheme.ts';

/**
 * Shared by an engine's boards: while `bulk` is on, boards record changed entries without
 * moving them and settle once (one sort) when the engine ends the bulk.
 */
export interface BulkContext {
  bulk: boolean;
  boards: Set<RankedBoard>;
}

export interface BoardOptions {
  bulk?: BulkContext;
  key: string;
  kind: BoardKind | 'cadre';
  ids: string[];
  /** Entries in code order (ties in score are displayed by code): see board-order.ts. */
  codes: CodeOrder;
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
  /** Fields (bits of `F`) of each entry changed since the diff builder last emitted them, and the entries with any. */
  readonly pending: Uint16Array;
  readonly pendingList: number[] = [];
  /** Entries whose rank changed since the caller last cleared this (collected only when `tracksMoves`). */
  readonly rankMoved = new Set<number>();
  /** Set when a later period's board takes its rank changes from this one. */
  tracksMoves = false;
  /** Set when a flag changed in the last `derive` (warnings downstream need a look). */
  flagsChanged = false;
  /** Positions whose derived fields may have changed since the last derive (lo > hi: none). */
  private lo = 0;
  private hi = -1;
  /** Cuts (last rank, 红榜 and 黑榜 ranks) as of the last derive. */
  private cuts = { last: 0, red: 0, black: Infinity };
  private readonly limit: number[];
  private readonly periodBoard: boolean;
  /** Each entry's place in code order (ties in score are displayed by code). */
  private readonly lord: Int32Array;

  constructor(private readonly o: BoardOptions) {
    this.key = o.key;
    this.kind = o.kind;
    this.ids = o.ids;
    const n = (this.n = o.ids.length);
    // one zeroed buffer for all columns (a rebuild makes hundreds of boards)
    const a = new Slab(n * 29);
    this.score = a.i32(n);
    this.order = a.i32(n);
    this.pos = a.i32(n);
    this.rank = a.i32(n);
    this.prevRank = a.i32(n).fill(-1);
    this.pending = a.u16(n);
    this.vetoed = a.u8(n);
    this.hasData = a.u8(n);
    this.warning = a.u8(n);
    this.grade = a.i8(n).fill(-1);
    this.flag = a.i8(n);
    this.list = a.i8(n);
    this.light = a.i8(n);
    this.lord = o.codes.place;
    this.limit = bandLimits(o.bands, n);
    this.periodBoard = o.kind === 'track' || o.kind === 'overall';
  }

  /** Sorts everything from scratch (after the arrays were filled directly). */
  sortAll(): void {
    displayOrder(this.n, this.score, this.vetoed, this.o.codes, this.order, this.pos);
    assignRanks(this.order, this.n, this.score, this.vetoed, this.rank);
    this.touch();
  }

  /** Sets one entry's values, repositions it and records what changed. */
  set(i: number, score: number, vetoed: number, hasData: number, diff: DiffBuilder | null): void {
    if (this.hasData[i] !== hasData) {
      this.hasData[i] = hasData;
      diff?.note(this, i, F.hasData);
    }
    if (this.score[i] === score && this.vetoed[i] === vetoed) return;
    if (this.score[i] !== score) {
      this.score[i] = score;
      diff?.note(this, i, F.score);
    }
    if (this.vetoed[i] !== vetoed) {
      this.vetoed[i] = vetoed;
      diff?.note(this, i, F.vetoed);
    }
    const bulk = this.o.bulk;
    if (bulk?.bulk) {
      this.movers.push(i);
      bulk.boards.add(this);
    } else this.move(i);
  }

  private readonly movers: number[] = [];

  /**
   * Ends a bulk: one sort puts every recorded entry in place. Ranks are not written to the diff:
   * they follow from the scores (`applyDiff` re-ranks). The derive range covers every position
   * whose entry or rank changed and every mover.
   */
  settle(): void {
    if (!this.movers.length) return;
    const { n, order, rank } = this;
    const [oldOrder, oldRank] = scratchOld(n);
    oldOrder.set(order);
    oldRank.set(rank);
    // A few movers go back in by binary search; many (a renormalised column) sort the board.
    if (this.movers.length * 16 <= n) reinsert(n, this.score, this.vetoed, this.o.codes, order, this.pos, this.movers);
    else displayOrder(this.n, this.score, this.vetoed, this.o.codes, this.order, this.pos);
    assignRanks(order, n, this.score, this.vetoed, rank);
    let a = n;
    let b = -1;
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
      if (i !== oldOrder[q] || rank[i] !== oldRank[i]) {
        if (q < a) a = q;
        b = q;
      }
    }
    for (const i of this.movers) {
      const q = this.pos[i]!;
      if (q < a) a = q;
      if (q > b) b = q;
    }
    this.mark(a, b);
    if (this.tracksMoves) for (let i = 0; i < n; i++) if (rank[i] !== oldRank[i]) this.rankMoved.add(i);
    this.movers.length = 0;
  }

  /** Moves entry i to its place; ranks are not written to the diff (they follow from the scores). */
  private move(i: number): void {
    const { order, pos, score, vetoed } = this;
    const from = pos[i]!;
    let q = from;
    const lord = this.lord;
    while (q > 0 && (vetoed[i]! - vetoed[order[q - 1]!]! || score[order[q - 1]!]! - score[i]! || lord[i]! - lord[order[q - 1]!]!) < 0) {
      order[q] = order[q - 1]!;
      pos[order[q]!] = q;
      q--;
    }
    while (q < this.n - 1 && (vetoed[i]! - vetoed[order[q + 1]!]! || score[order[q + 1]!]! - score[i]! || lord[i]! - lord[order[q + 1]!]!) > 0) {
      order[q] = order[q + 1]!;
      pos[order[q]!] = q;
      q++;
    }
    order[q] = i;
    pos[i] = q;
    const end = this.rerank(Math.min(from, q), Math.max(from, q));
    this.mark(Math.min(from, q), Math.max(from, q, end));
  }

  /** Recomputes competition ranks from position lo on, until past hi nothing changes; returns the last position examined. */
  private rerank(lo: number, hi: number): number {
    const { order, rank, score, vetoed } = this;
    let q = lo;
    for (; q < this.n; q++) {
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
    return Math.min(q, this.n - 1);
  }

  private mark(a: number, b: number): void {
    if (this.lo > this.hi) {
      this.lo = a;
      this.hi = b;
    } else {
      if (a < this.lo) this.lo = a;
      if (b > this.hi) this.hi = b;
    }
  }

  setPrevRank(i: number, prev: number, diff: DiffBuilder | null): void {
    if (this.prevRank[i] === prev) return;
    this.prevRank[i] = prev;
    diff?.note(this, i, F.prevRank);
  }

  setWarning(i: number, w: number, diff: DiffBuilder | null): void {
    if (this.warning[i] === w) return;
    this.warning[i] = w;
    diff?.note(this, i, F.warning);
  }

  /**
   * Recomputes grades, flags, lists and lights where they can have changed, and records the
   * changes: the moved range, the board's ends and the list cuts; grades from the moved range on,
   * carrying the quota used above it, until past the range the quota state equals the old one.
   */
  derive(diff: DiffBuilder | null): void {
    this.flagsChanged = false;
    const { lo, hi, n, order, rank, score, vetoed } = this;
    this.lo = 0;
    this.hi = -1;
    if (lo > hi || this.kind === 'cadre') return;
    const bands = this.o.bands;
    const used = counts(bands.length, 0);
    const oldUsed = counts(bands.length, 1);
    // Quota used above the range. Among non-vetoed entries (a prefix of the order) grades never go
    // back up the band list (the eligible bands only shrink as scores fall and quotas fill), so the
    // count of each band there is a difference of two binary searches; vetoed entries are counted.
    const plain = Math.min(lo, this.firstVetoed());
    for (let b = 0, from = 0; b < bands.length; b++) {
      const to = this.gradeEnd(b, plain);
      used[b] = oldUsed[b] = to - from;
      from = to;
    }
    for (let q = plain; q < lo; q++) {
      const g = this.grade[order[q]!]!;
      if (g >= 0) {
        used[g]!++;
        oldUsed[g]!++;
      }
    }
    for (let q = lo; q < n; q++) {
      const i = order[q]!;
      const old = this.grade[i]!;
      if (old >= 0) oldUsed[old]!++;
      const g = gradeOf(score[i]!, vetoed[i]!, bands, used, this.limit);
      if (g !== old) {
        this.grade[i] = g;
        diff?.note(this, i, F.grade);
      }
      if (q >= hi && sameCounts(used, oldUsed)) break;
    }
    const before = this.cuts;
    const cuts = (this.cuts = cutsOf(order, n, rank, this.o.rules));
    for (let q = lo; q <= hi; q++) this.visit(q, cuts, diff);
    // Ranks grow with position, so the entries a cut can concern are a prefix and a suffix (ties included).
    const top = Math.max(1, before.red, cuts.red);
    for (let q = 0; q < n && rank[order[q]!]! <= top; q++) if (q < lo || q > hi) this.visit(q, cuts, diff);
    const bottom = Math.min(before.last, cuts.last, before.black, cuts.black);
    for (let q = n - 1; q >= 0 && rank[order[q]!]! >= bottom; q--) if (q < lo || q > hi) this.visit(q, cuts, diff);
  }

  /** Position of the first vetoed entry (n when none): vetoed entries come last. */
  private firstVetoed(): number {
    let a = 0;
    let b = this.n;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.vetoed[this.order[mid]!]) b = mid;
      else a = mid + 1;
    }
    return a;
  }

  /** First position below `end` whose grade comes after band b (no grade counts as after every band). */
  private gradeEnd(b: number, end: number): number {
    let a = 0;
    let z = end;
    while (a < z) {
      const mid = (a + z) >> 1;
      const g = this.grade[this.order[mid]!]!;
      if (g >= 0 && g <= b) a = mid + 1;
      else z = mid;
    }
    return a;
  }

  /** Flag, list and light of the entry at position q. */
  private visit(q: number, cuts: { last: number; red: number; black: number }, diff: DiffBuilder | null): void {
    const i = this.order[q]!;
    const f = flagOf(this.periodBoard, this.rank[i]!, this.vetoed[i]!, this.n, cuts.last);
    if (f !== this.flag[i]) {
      this.flag[i] = f;
      this.flagsChanged = true;
      diff?.note(this, i, F.flag);
    }
    const l = listOf(this.rank[i]!, this.vetoed[i]!, cuts);
    if (l !== this.list[i]) {
      this.list[i] = l;
      diff?.note(this, i, F.list);
    }
    const light = this.o.light ? lightOf(this.o.light, i, this.rank, this.score, this.n) : 0;
    if (light !== this.light[i]) {
      this.light[i] = light;
      diff?.note(this, i, F.light);
    }
  }

  /** Marks the whole board for a derive pass. */
  touch(): void {
    this.mark(0, this.n - 1);
  }

  /** Marks one entry for a derive pass (an input of its light changed). */
  touchEntry(i: number): void {
    this.mark(this.pos[i]!, this.pos[i]!);
  }

  private gradeName(i: number): string | null {
    const g = this.grade[i]!;
    return g >= 0 ? this.o.bands[g]!.name : null;
  }

  /** The fields of entry i named by `bits` (of `F`), as a row patch. */
  patch(i: number, bits: number): Partial<Row> {
    const r: Partial<Row> = {};
    const pr = this.prevRank[i]!;
    if (bits & F.score) r.score = this.score[i]! / 10_000;
    if (bits & F.prevRank) r.prevRank = pr < 0 ? null : pr;
    if (bits & F.grade) r.grade = this.gradeName(i);
    if (bits & F.flag) r.flag = FLAGS[this.flag[i]!]!;
    if (bits & F.light) r.light = LIGHTS[this.light[i]!]!;
    if (bits & F.list) r.list = LISTS[this.list[i]!]!;
    if (bits & F.warning) r.warning = this.warning[i] === 1;
    if (bits & F.vetoed) r.vetoed = this.vetoed[i] === 1;
    if (bits & F.hasData) r.hasData = this.hasData[i] === 1;
    return r;
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

/** Two zeroed scratch count arrays reused by every derive pass (boards derive one at a time). */
const scratch: [Int32Array, Int32Array] = [new Int32Array(8), new Int32Array(8)];
function counts(n: number, k: 0 | 1): Int32Array {
  if (scratch[k].length < n) scratch[k] = new Int32Array(n);
  const a = scratch[k].subarray(0, n);
  a.fill(0);
  return a;
}

function sameCounts(a: Int32Array, b: Int32Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
