/**
 * Composing consecutive diffs (a: v0→v1, b: v1→v2) into one diff v0→v2, so that a burst of
 * versions reaches a socket as one message. `applyDiff(s, compose(a, b))` equals
 * `applyDiff(applyDiff(s, a), b)` (tested in test/server/compose-diff.test.ts).
 *
 * A window can compose hundreds of diffs, so composing must cost the size of the diff added, not
 * of everything composed so far: `startCompose` copies the first diff once (diffs are shared with
 * the diff ring and must not change), and `composeInto` merges each next diff into that copy.
 */
import type { Board, CadreBoard, CadreRow, Row, StandingsDiff } from '../../shared/standings.ts';

interface Patch<R> {
  rows?: Record<string, Partial<R>>;
  removed?: string[];
}
interface Full<R> {
  rows: Record<string, R>;
}
interface Side<B, R> {
  added?: Record<string, B>;
  dropped?: string[];
  patches?: Record<string, Patch<R>>;
}

/** Complete boards copied by a composition (the others are shared with the diffs they came from). */
const owned = new WeakSet<object>();

/** Merges patch `q` (applied after `p`) into `p`, in place. */
function mergePatch<R>(p: Patch<R>, q: Patch<R>): void {
  for (const id of q.removed ?? []) {
    if (p.rows) delete p.rows[id];
    if (!p.removed?.includes(id)) (p.removed ??= []).push(id);
  }
  if (!q.rows) return;
  const rows = (p.rows ??= {});
  for (const id in q.rows) {
    const part = q.rows[id]!;
    const prev = rows[id];
    // A row removed earlier and set again: applyDiff removes first, then sets — a complete row.
    rows[id] = prev ? { ...prev, ...part } : { ...part };
  }
}

/** Applies patch `q` to a complete board, in place. */
function patchFull<R>(b: Full<R>, q: Patch<R>): void {
  for (const id of q.removed ?? []) delete b.rows[id];
  for (const id in q.rows ?? {}) b.rows[id] = { ...b.rows[id], ...q.rows![id] } as R;
}

function copySide<B, R>(s: Side<B, R>): Side<B, R> {
  const out: Side<B, R> = {};
  if (s.added) out.added = { ...s.added };
  if (s.dropped) out.dropped = [...s.dropped];
  if (s.patches) {
    out.patches = {};
    for (const k in s.patches) {
      const p = s.patches[k]!;
      out.patches[k] = { ...(p.rows ? { rows: { ...p.rows } } : {}), ...(p.removed ? { removed: [...p.removed] } : {}) };
    }
  }
  return out;
}

function mergeSide<B extends Full<R>, R>(acc: Side<B, R>, next: Side<B, R>): void {
  for (const k of next.dropped ?? []) {
    if (acc.added) delete acc.added[k];
    if (acc.patches) delete acc.patches[k];
    if (!acc.dropped?.includes(k)) (acc.dropped ??= []).push(k);
  }
  for (const k in next.added ?? {}) {
    (acc.added ??= {})[k] = next.added![k]!;
    if (acc.patches) delete acc.patches[k];
  }
  for (const k in next.patches ?? {}) {
    const q = next.patches![k]!;
    const full = acc.added?.[k];
    if (full) {
      let b = full;
      if (!owned.has(b)) {
        b = { ...full, rows: { ...full.rows } };
        owned.add(b);
        acc.added![k] = b;
      }
      patchFull(b, q);
    } else mergePatch(((acc.patches ??= {})[k] ??= {}), q);
  }
}

const boardsOf = (d: StandingsDiff): Side<Board, Row> => ({ added: d.added, dropped: d.dropped, patches: d.boards });
const cadresOf = (d: StandingsDiff): Side<CadreBoard, CadreRow> => ({ added: d.cadresAdded, dropped: d.cadresDropped, patches: d.cadres });

function assemble(from: number, to: number, boards: Side<Board, Row>, cadres: Side<CadreBoard, CadreRow>): StandingsDiff {
  const out: StandingsDiff = { from, to };
  const some = (r: object | undefined) => r !== undefined && Object.keys(r).length > 0;
  if (some(boards.added)) out.added = boards.added;
  if (boards.dropped?.length) out.dropped = boards.dropped;
  if (some(boards.patches)) out.boards = boards.patches;
  if (some(cadres.added)) out.cadresAdded = cadres.added;
  if (cadres.dropped?.length) out.cadresDropped = cadres.dropped;
  if (some(cadres.patches)) out.cadres = cadres.patches;
  return out;
}

/** A copy of `d` that `composeInto` may change (`d` itself stays as it is). */
export function startCompose(d: StandingsDiff): StandingsDiff {
  return assemble(d.from, d.to, copySide(boardsOf(d)), copySide(cadresOf(d)));
}

/** Composes `b` onto `acc` (from `startCompose` or an earlier `composeInto`), in place; returns `acc`. */
export function composeInto(acc: StandingsDiff, b: StandingsDiff): StandingsDiff {
  if (acc.to !== b.from) throw new Error(`cannot compose ${acc.from}→${acc.to} with ${b.from}→${b.to}`);
  const boards = boardsOf(acc);
  const cadres = cadresOf(acc);
  mergeSide(boards, boardsOf(b));
  mergeSide(cadres, cadresOf(b));
  const out = assemble(acc.from, b.to, boards, cadres);
  for (const k of Object.keys(acc) as Array<keyof StandingsDiff>) delete acc[k];
  return Object.assign(acc, out);
}

/** `a` then `b` as one diff; neither input changes. */
export function composeDiff(a: StandingsDiff, b: StandingsDiff): StandingsDiff {
  return composeInto(startCompose(a), b);
}
