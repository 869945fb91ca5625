/** The cells of one active (period, track, group) board: values, points and the sums built on them. */
import type { CDef, Compiled } from './compile.ts';
import { cellContext } from './compile.ts';
import { fx } from './fixed.ts';
import { isGroupMethod, methodImpl, scoreColumn, scoreOne } from './methods/index.ts';
import type { CellContext } from './methods/index.ts';
import type { RankedBoard } from './ranked-board.ts';
import { Slab } from './slab.ts';

export class TrackState {
  readonly n: number;
  readonly m: number;
  /** Own value of each cell this period (encoded), NaN when none. Row-major: unit × indicator. */
  readonly own: Float64Array;
  /** Value scored: own, or carried from an earlier period, or NaN. */
  readonly val: Float64Array;
  readonly pts: Int32Array;
  readonly ptsSum: Int32Array;
  /** Σ full marks of the indicators that count (missing `exclude` ones drop out). */
  readonly present: Int32Array;
  /** Number of cells with a value scored. */
  readonly dataCount: Int32Array;
  /** Whether each cell has a reported value this period (even one that cannot be scored). */
  readonly hasOwn: Uint8Array;
  /** Number of cells reported this period (the board is active while > 0). */
  ownCount = 0;
  private readonly ctx = {} as CellContext;
  /** Columns whose method scores finite numbers as they are, and each column's encoded labels. */
  private readonly numeric: Uint8Array;
  private readonly labels: Array<Map<string, number> | undefined> = [];
  /** Group-relative columns waiting for `settleColumns`. */
  private readonly stale: Uint8Array;
  private readonly staleCols: number[] = [];

  constructor(
    readonly c: Compiled,
    readonly def: CDef,
    readonly p: number,
    readonly board: RankedBoard,
  ) {
    this.n = def.units.length;
    this.m = def.inds.length;
    const size = this.n * this.m;
    // one zeroed buffer for all columns, widest first
    const a = new Slab(21 * size + 12 * this.n);
    this.own = a.f64(size).fill(NaN);
    this.val = a.f64(size).fill(NaN);
    this.pts = a.i32(size);
    this.ptsSum = a.i32(this.n);
    this.present = a.i32(this.n).fill(def.fullAll);
    this.dataCount = a.i32(this.n);
    this.hasOwn = a.u8(size);
    this.numeric = Uint8Array.from(def.inds, (ind) => (methodImpl(ind.method).numeric ? 1 : 0));
    this.stale = new Uint8Array(this.m);
  }

  /** Scores every column from `val` (after own/carried values were filled in). */
  scoreAll(): void {
    const { n, m, def } = this;
    const xs = new Float64Array(n);
    const col = new Int32Array(n);
    this.ptsSum.fill(0);
    this.present.fill(def.fullAll);
    this.dataCount.fill(0);
    for (let j = 0; j < m; j++) {
      const ind = def.inds[j]!;
      for (let i = 0; i < n; i++) xs[i] = this.val[i * m + j]!;
      scoreColumn(xs, ind.method, (i) => cellContext(ind, this.c.unitIds[def.units[i]!]!, this.ctx), col);
      const f = fx(ind.fullMarks);
      for (let i = 0; i < n; i++) {
        this.pts[i * m + j] = col[i]!;
        this.ptsSum[i]! += col[i]!;
        if (Number.isNaN(xs[i]!)) {
          if (ind.missing === 'exclude') this.present[i]! -= f;
        } else this.dataCount[i]!++;
      }
    }
  }

  /**
   * Sets the scored value of one cell and rescores it. Calls `changed(units)` with the units whose
   * points sum or presence may have changed. A group-relative column (rank, efficacy) is only noted:
   * `settleColumns` rescores it before the units are refreshed.
   */
  setValue(i: number, j: number, x: number, changed: (units: number[]) => void): void {
    const { m, def } = this;
    const k = i * m + j;
    const old = this.val[k]!;
    if (old === x || (Number.isNaN(old) && Number.isNaN(x))) return;
    this.val[k] = x;
    const ind = def.inds[j]!;
    if (Number.isNaN(old) !== Number.isNaN(x)) {
      const sign = Number.isNaN(x) ? -1 : 1;
      this.dataCount[i]! += sign;
      if (ind.missing === 'exclude') this.present[i]! += sign * fx(ind.fullMarks);
    }
    if (isGroupMethod(ind.method)) {
      // the column is rescored once, by `settleColumns`, however many of its cells a batch sets
      if (!this.stale[j]) {
        this.stale[j] = 1;
        this.staleCols.push(j);
      }
      changed([i]);
    } else {
      const p = Number.isNaN(x) ? 0 : scoreOne(x, ind.method, cellContext(ind, this.c.unitIds[def.units[i]!]!, this.ctx));
      this.ptsSum[i]! += p - this.pts[k]!;
      this.pts[k] = p;
      changed([i]);
    }
    if (j === def.progressCol) this.board.touchEntry(i);
  }

  /**
   * Rescores the group-relative columns whose values changed since the last call; calls
   * `changed(units)` with the units whose points moved (many when an extreme or a rank moved).
   */
  settleColumns(changed: (units: number[]) => void): void {
    const { n, m, def } = this;
    for (const j of this.staleCols) {
      this.stale[j] = 0;
      const ind = def.inds[j]!;
      const xs = new Float64Array(n);
      for (let u = 0; u < n; u++) xs[u] = this.val[u * m + j]!;
      const col = scoreColumn(xs, ind.method, (u) => cellContext(ind, this.c.unitIds[def.units[u]!]!, this.ctx));
      const units: number[] = [];
      for (let u = 0; u < n; u++) {
        const kk = u * m + j;
        if (this.pts[kk] !== col[u]) {
          this.ptsSum[u]! += col[u]! - this.pts[kk]!;
          this.pts[kk] = col[u]!;
          units.push(u);
        }
      }
      if (units.length) changed(units);
    }
    this.staleCols.length = 0;
  }

  /** What the `exclude` scaling adds to Σ points (ΣF_all/ΣF_present), 1e-4 units. */
  scale(i: number): number {
    const sum = this.ptsSum[i]!;
    const present = this.present[i]!;
    const full = this.def.fullAll;
    return present > 0 && present < full ? Math.round((sum * full) / present) - sum : 0;
  }

  /** Records the reported value of cell k (undefined = withdrawn). */
  setOwn(k: number, raw: number | string | undefined): void {
    const has = raw === undefined ? 0 : 1;
    this.ownCount += has - this.hasOwn[k]!;
    this.hasOwn[k] = has;
    this.own[k] = raw === undefined ? NaN : this.encode(k % this.m, raw);
  }

  encode(j: number, raw: number | string): number {
    if (typeof raw === 'number' && this.numeric[j] && Number.isFinite(raw)) return raw;
    // strings (grades) repeat: each column remembers what its labels encode to
    const cache = typeof raw === 'string' ? (this.labels[j] ??= new Map()) : null;
    const known = cache?.get(raw as string);
    if (known !== undefined) return known;
    const ind = this.def.inds[j]!;
    const x = methodImpl(ind.method).encode(raw, ind.method);
    const v = typeof x === 'number' ? x : NaN;
    cache?.set(raw as string, v);
    return v;
  }
}
