/** Display order of a board's entries: code order (for ties) and one numeric sort of packed keys. */
import { compareEntries } from './derive.ts';

/** Entries in code order (`order`) and each entry's place in it (`place`). */
export interface CodeOrder {
  order: Int32Array;
  place: Int32Array;
}

/** The code order of entries whose codes rank `ord[i]` (distinct) — shared by every board of a group. */
export function codeOrder(ord: ArrayLike<number>): CodeOrder {
  const n = ord.length;
  const keys = Float64Array.from({ length: n }, (_, i) => ord[i]! * n + i).sort();
  const order = new Int32Array(n);
  const place = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    const i = keys[q]! % n;
    order[q] = i;
    place[i] = q;
  }
  return { order, place };
}

/**
 * Display order by one numeric sort of packed keys (vetoed, score descending, code order), each
 * an exact integer below 2^53; boards whose score range is too wide for that use a comparator.
 */
export function displayOrder(n: number, score: Int32Array, vetoed: Uint8Array, codes: CodeOrder, order: Int32Array, pos: Int32Array): void {
  const lord = codes.place;
  const lordInv = codes.order;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const s = score[i]!;
    if (i === 0 || s < lo) lo = s;
    if (i === 0 || s > hi) hi = s;
  }
  const span = hi - lo + 1;
  if (2 * span * n <= 2 ** 53) {
    const keys = scratchKeys(n);
    for (let i = 0; i < n; i++) keys[i] = ((vetoed[i] ? span : 0) + hi - score[i]!) * n + lord[i]!;
    keys.sort();
    for (let q = 0; q < n; q++) order[q] = lordInv[keys[q]! % n]!;
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => compareEntries(a, b, score, vetoed, (i) => lord[i]!));
    order.set(idx);
  }
  for (let q = 0; q < n; q++) pos[order[q]!] = q;
}

/**
 * Display order after a few entries (`movers`, possibly repeated) changed: they are taken out, the
 * rest stays in order, and each goes back in at its binary-searched place. The same order as
 * `displayOrder` (vetoed last, score descending, code order), for O(n + k log n) moves instead of
 * a sort of the whole board.
 */
export function reinsert(n: number, score: Int32Array, vetoed: Uint8Array, codes: CodeOrder, order: Int32Array, pos: Int32Array, movers: readonly number[]): void {
  const lord = codes.place;
  const ord = (k: number) => lord[k]!;
  const out = scratchFlags(n);
  const ids: number[] = [];
  for (const i of movers) {
    if (out[i]) continue;
    out[i] = 1;
    ids.push(i);
  }
  let w = 0;
  for (let q = 0; q < n; q++) {
    const i = order[q]!;
    if (!out[i]) order[w++] = i;
  }
  for (const i of ids) {
    out[i] = 0;
    let lo = 0;
    let hi = w;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEntries(order[mid]!, i, score, vetoed, ord) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.copyWithin(lo + 1, lo, w);
    order[lo] = i;
    w++;
  }
  for (let q = 0; q < n; q++) pos[order[q]!] = q;
}

let flagScratch = new Uint8Array(0);
function scratchFlags(n: number): Uint8Array {
  if (flagScratch.length < n) flagScratch = new Uint8Array(n);
  return flagScratch;
}

/** Scratch sort keys and the pre-settle order and ranks, shared by every board (they sort one at a time). */
let keyScratch = new Float64Array(0);
function scratchKeys(n: number): Float64Array {
  if (keyScratch.length < n) keyScratch = new Float64Array(n);
  return keyScratch.subarray(0, n);
}
let oldScratch: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
export function scratchOld(n: number): [Int32Array, Int32Array] {
  if (oldScratch[0].length < n) oldScratch = [new Int32Array(n), new Int32Array(n)];
  return [oldScratch[0].subarray(0, n), oldScratch[1].subarray(0, n)];
}
