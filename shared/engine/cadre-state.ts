/**
 * Cadre scores of the incremental engine, per period in typed arrays. Every cadre's tracks and
 * responsibilities are laid end to end in flat arrays (compiled once per rebuild), and the SPEC §4
 * formula runs over them with the same arithmetic, in the same order, as the reference's
 * `cadreScore`, so both give the same integer to the last digit. Cadres to refresh are collected
 * in a mark array and a list, so a batch scores each at most once.
 */
import type { Compiled } from './compile.ts';
import type { RankedBoard } from './ranked-board.ts';
import { FALLBACK_ALPHA } from './reference.ts';
import type { TrackState } from './track-state.ts';

/** What the cadre formula reads: active track boards, overall boards, ratings, personal adjustments. */
export interface CadreSources {
  /** [period][def] */
  tracks: Array<Array<TrackState | null>>;
  /** [period][group] */
  overall: Array<Array<RankedBoard | null>>;
  /** Σ personal bonus and deductions of cadre ci in period p, or null when the cadre has none. */
  adjustments(p: number, ci: number): { bonus: number; deduction: number } | null;
}

export class CadreState {
  /** Number of cadres. */
  readonly n: number;
  /** [period][cadre] score (1e-4 units) and whether the cadre has any data then. */
  readonly score: Int32Array[];
  readonly has: Uint8Array[];
  /** [period][cadre] rater evaluation E (1e-4 units), NaN when nobody rated. */
  readonly evaluation: Float64Array[];

  /** Cadre ci's tracks are trStart[ci] ≤ k < trStart[ci + 1]; track k's responsibilities respStart[k] ≤ r < respStart[k + 1]. */
  private readonly trStart: Int32Array;
  private readonly trWeight: Float64Array;
  private readonly trAlpha: Float64Array;
  private readonly respStart: Int32Array;
  /** Def (track board column) and local index of each responsibility's unit, def −1 when not run. */
  private readonly respDef: Int32Array;
  private readonly respLocal: Int32Array;
  private readonly respShare: Float64Array;
  /** Cadres without responsibilities: their unit's group (−1: none) and local index. */
  private readonly fbGroup: Int32Array;
  private readonly fbLocal: Int32Array;
  /** Cadres above (unit, track) — unit·T + track — and fallback cadres of each unit, as CSR lists. */
  private readonly aboveStart: Int32Array;
  private readonly above: Int32Array;
  private readonly fbStart: Int32Array;
  private readonly fbOf: Int32Array;

  private readonly dirtyMark: Uint8Array;
  private dirty: number[] = [];

  /**
   * Lays out the cadres of compiled scheme c. The per-period arrays of `previous` (the state before
   * a rebuild) are reused when the sizes match: they are tens of megabytes in a province, and fresh
   * ones on every rebuild would mostly feed the garbage collector. Scores are refilled by `computeAll`.
   */
  constructor(
    private readonly c: Compiled,
    previous?: CadreState,
  ) {
    const cadres = c.scheme.cadres;
    const n = (this.n = cadres.length);
    const P = c.periodIds.length;
    const T = c.trackIds.length;
    const reuse = previous && previous.n === n && previous.score.length === P ? previous : null;
    this.score = reuse?.score ?? Array.from({ length: P }, () => new Int32Array(n));
    this.has = reuse?.has ?? Array.from({ length: P }, () => new Uint8Array(n));
    this.evaluation = reuse?.evaluation ?? Array.from({ length: P }, () => new Float64Array(n));
    for (const e of this.evaluation) e.fill(NaN);
    this.dirtyMark = reuse?.dirtyMark.fill(0) ?? new Uint8Array(P * n);

    let R = 0;
    for (const cadre of cadres) R += cadre.responsibilities.length;
    // responsibilities resolved once; unknown tracks or units drop out (as in compile's cadrePart)
    const resT = new Int32Array(R);
    const resU = new Int32Array(R);
    for (let ci = 0, x = 0; ci < n; ci++) {
      for (const res of cadres[ci]!.responsibilities) {
        const t = c.trackIdx.get(res.track);
        const u = c.unitIdx.get(res.unit);
        resT[x] = t === undefined || u === undefined ? -1 : t;
        resU[x++] = u ?? -1;
      }
    }
    this.trStart = new Int32Array(n + 1);
    this.trWeight = new Float64Array(R);
    this.trAlpha = new Float64Array(R);
    this.respStart = new Int32Array(R + 1);
    this.respDef = new Int32Array(R);
    this.respLocal = new Int32Array(R);
    this.respShare = new Float64Array(R);
    this.fbGroup = new Int32Array(n).fill(-1);
    this.fbLocal = new Int32Array(n);
    const aboveCount = new Int32Array(c.unitIds.length * T + 1);
    const fbCount = new Int32Array(c.unitIds.length + 1);
    const fbUnit = new Int32Array(n).fill(-1);
    let k = 0;
    let r = 0;
    for (let ci = 0, x0 = 0; ci < n; ci++) {
      const cadre = cadres[ci]!;
      const resp = cadre.responsibilities;
      const x1 = x0 + resp.length;
      this.trStart[ci] = k;
      // tracks in scheme order, each with its responsibilities in the order given
      for (let t = 0; t < T; t++) {
        let open = false;
        for (let x = x0; x < x1; x++) {
          if (resT[x] !== t) continue;
          if (!open) {
            const track = c.scheme.tracks[t]!;
            this.trWeight[k] = track.weight;
            this.trAlpha[k] = track.alpha;
            this.respStart[k] = r;
            open = true;
          }
          const u = resU[x]!;
          const g = c.unitGroup[u]!;
          this.respDef[r] = g >= 0 ? c.defOf[t]![g]! : -1;
          this.respLocal[r] = c.unitLocal[u]!;
          this.respShare[r] = resp[x - x0]!.share;
          r++;
        }
        if (open) k++;
      }
      for (let x = x0; x < x1; x++) if (resT[x]! >= 0 && !repeats(resT, resU, x0, x)) aboveCount[resU[x]! * T + resT[x]!]!++;
      if (!resp.length) {
        const u = c.unitIdx.get(cadre.unit);
        if (u !== undefined) {
          fbUnit[ci] = u;
          this.fbGroup[ci] = c.unitGroup[u]!;
          this.fbLocal[ci] = c.unitLocal[u]!;
          fbCount[u]!++;
        }
      }
      x0 = x1;
    }
    this.trStart[n] = k;
    this.respStart[k] = r;
    this.aboveStart = prefix(aboveCount);
    this.fbStart = prefix(fbCount);
    this.above = new Int32Array(this.aboveStart[aboveCount.length - 1]!);
    this.fbOf = new Int32Array(this.fbStart[fbCount.length - 1]!);
    const aboveFill = this.aboveStart.slice();
    const fbFill = this.fbStart.slice();
    for (let ci = 0, x0 = 0; ci < n; ci++) {
      const x1 = x0 + cadres[ci]!.responsibilities.length;
      for (let x = x0; x < x1; x++) if (resT[x]! >= 0 && !repeats(resT, resU, x0, x)) this.above[aboveFill[resU[x]! * T + resT[x]!]!++] = ci;
      if (fbUnit[ci]! >= 0) this.fbOf[fbFill[fbUnit[ci]!]!++] = ci;
      x0 = x1;
    }
  }

  /**
   * Cadre ci's score in period p (1e-4 units), or NaN without any data: the reference's
   * `cadreScore` total, computed over the flat arrays.
   */
  compute(p: number, ci: number, src: CadreSources): number {
    const e = this.evaluation[p]![ci]!;
    const rated = !Number.isNaN(e);
    const row = src.tracks[p]!;
    let num = 0;
    let den = 0;
    const end = this.trStart[ci + 1]!;
    for (let k = this.trStart[ci]!; k < end; k++) {
      let un = 0;
      let ud = 0;
      const rEnd = this.respStart[k + 1]!;
      for (let r = this.respStart[k]!; r < rEnd; r++) {
        const d = this.respDef[r]!;
        const ts = d >= 0 ? row[d] : null;
        if (!ts) continue;
        const share = this.respShare[r]!;
        un += share * ts.board.score[this.respLocal[r]!]!;
        ud += share;
      }
      if (ud === 0) continue;
      const unitPart = un / ud;
      const alpha = this.trAlpha[k]!;
      const part = rated ? alpha * unitPart + (1 - alpha) * e : unitPart;
      num += this.trWeight[k]! * part;
      den += this.trWeight[k]!;
    }
    const g = this.fbGroup[ci]!;
    const b = g >= 0 ? src.overall[p]![g] : null;
    if (b) {
      const s = b.score[this.fbLocal[ci]!]!;
      num += rated ? FALLBACK_ALPHA * s + (1 - FALLBACK_ALPHA) * e : s;
      den += 1;
    }
    if (den === 0) return NaN;
    const base = Math.round(num / den);
    const adj = src.adjustments(p, ci);
    return adj ? base + adj.bonus - adj.deduction : base;
  }

  /** Scores every cadre of every period that has an active board (after a rebuild). */
  computeAll(src: CadreSources): void {
    const cg = this.c.cadreGroupOf;
    for (let p = 0; p < this.score.length; p++) {
      const score = this.score[p]!;
      const has = this.has[p]!;
      score.fill(0);
      has.fill(0);
      if (!src.tracks[p]!.some((ts) => ts)) continue; // nobody has data this period
      for (let ci = 0; ci < this.n; ci++) {
        if (cg[ci]! < 0) continue;
        const s = this.compute(p, ci, src);
        if (Number.isNaN(s)) continue;
        score[ci] = s;
        has[ci] = 1;
      }
    }
  }

  /** Queues cadre ci of period p for the next `refresh` (once however often it is marked). */
  mark(p: number, ci: number): void {
    const key = p * this.n + ci;
    if (this.dirtyMark[key]) return;
    this.dirtyMark[key] = 1;
    this.dirty.push(key);
  }

  /** Queues the cadres responsible for unit u (global index) on track t in period p. */
  markAbove(p: number, u: number, t: number): void {
    const at = u * this.c.trackIds.length + t;
    const end = this.aboveStart[at + 1]!;
    for (let x = this.aboveStart[at]!; x < end; x++) this.mark(p, this.above[x]!);
  }

  /** Queues the cadres without responsibilities scored on unit u's overall score. */
  markFallback(p: number, u: number): void {
    const end = this.fbStart[u + 1]!;
    for (let x = this.fbStart[u]!; x < end; x++) this.mark(p, this.fbOf[x]!);
  }

  /**
   * Rescores every queued cadre; calls `changed` for each whose score moved. Cadres without data
   * stay so (a board appearing or going is a rebuild), as do cadres outside any cadre group.
   */
  refresh(src: CadreSources, changed: ((p: number, ci: number, score: number) => void) | null): void {
    const n = this.n;
    const dirty = this.dirty;
    if (dirty.length > n / 16) {
      // many: in index order (the same scores and rows, written with far fewer cache misses)
      const mark = this.dirtyMark;
      for (let key = 0; key < mark.length; key++) {
        if (!mark[key]) continue;
        mark[key] = 0;
        const p = (key / n) | 0;
        this.refreshOne(p, key - p * n, src, changed);
      }
    } else {
      for (const key of dirty) {
        this.dirtyMark[key] = 0;
        const p = (key / n) | 0;
        this.refreshOne(p, key - p * n, src, changed);
      }
    }
    dirty.length = 0;
  }

  private refreshOne(p: number, ci: number, src: CadreSources, changed: ((p: number, ci: number, score: number) => void) | null): void {
    if (this.c.cadreGroupOf[ci]! < 0 || !this.has[p]![ci]) return;
    const s = this.compute(p, ci, src);
    if (Number.isNaN(s) || s === this.score[p]![ci]) return;
    this.score[p]![ci] = s;
    changed?.(p, ci, s);
  }
}

/** Whether responsibility x names the same (track, unit) as an earlier one of the same cadre (from x0). */
function repeats(resT: Int32Array, resU: Int32Array, x0: number, x: number): boolean {
  for (let y = x0; y < x; y++) if (resT[y] === resT[x] && resU[y] === resU[x]) return true;
  return false;
}

/** Exclusive prefix sums of counts (the last slot of `counts` is unused): CSR offsets of length counts.length. */
function prefix(counts: Int32Array): Int32Array {
  const out = new Int32Array(counts.length);
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    out[i] = s;
    s += counts[i]!;
  }
  return out;
}
