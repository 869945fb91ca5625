/**
 * Composing consecutive diffs (a: v0→v1, b: v1→v2) into one diff v0→v2, so that a burst of
 * versions reaches a socket as one message. `applyDiff(s, compose(a, b))` equals
 * `applyDiff(applyDiff(s, a), b)` (tested in test/server/compose-diff.test.ts).
 *
 * A window can compose hundreds of diffs, so composing must cost the size of the diff added, not
 * of everything composed so far: `startCompose` copies the first diff once (diffs are shared with
 * the diff ring and must not change), and `composeInto` merges each next diff into that copy.
 */
import { patchBoardRows, patchCadreRows, type Board, type BoardPatch, type CadreBoard, type CadrePatch, type StandingsDiff } from '../../shared/standings.ts';

interface Side<B, P> {
  added?: Record<string, B>;
  dropped?: string[];
  patches?: Record<string, P>;
}
/** How one kind of patch is copied, merged and applied to a complete board. */
interface PatchOps<B, P> {
  copy(p: P): P;
  /** Merges patch `q` (applied after `p`) into `p`, in place. */
  merge(p: P, q: P): void;
  /** Applies patch `q` to a complete board, in place. */
  apply(b: B, q: P): void;
}

/** Complete boards copied by a composition (the others are shared with the diffs they came from). */
const owned = new WeakSet<object>();

const unitOps: PatchOps<Board, BoardPatch> = {
  copy: (p) => ({ ...(p.rows ? { rows: { ...p.rows } } : {}), ...(p.removed ? { removed: [...p.removed] } : {}) }),
  merge(p, q) {
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
  },
  apply: (b, q) => patchBoardRows(b.rows, q),
};

/** Position of each cadre in a composed patch's arrays (built on the first merge into it). */
const cadreAt = new WeakMap<CadrePatch, Map<string, number>>();

const cadreOps: PatchOps<CadreBoard, CadrePatch> = {
  copy: (p) => ({ ...(p.ids ? { ids: [...p.ids], scores: [...p.scores!] } : {}), ...(p.removed ? { removed: [...p.removed] } : {}) }),
  merge(p, q) {
    if (q.removed?.length) {
      const gone = new Set(q.removed);
      if (p.ids) {
        const ids: string[] = [];
        const scores: number[] = [];
        p.ids.forEach((id, k) => {
          if (gone.has(id)) return;
          ids.push(id);
          scores.push(p.scores![k]!);
        });
        p.ids = ids;
        p.scores = scores;
        cadreAt.delete(p);
      }
      for (const id of q.removed) if (!p.removed?.includes(id)) (p.removed ??= []).push(id);
    }
    if (!q.ids?.length) return;
    // A cadre removed earlier and set again: applyDiff removes first, then sets its score.
    const ids = (p.ids ??= []);
    const scores = (p.scores ??= []);
    let at = cadreAt.get(p);
    if (!at) cadreAt.set(p, (at = new Map(ids.map((id, k) => [id, k]))));
    for (let k = 0; k < q.ids.length; k++) {
      const id = q.ids[k]!;
      const i = at.get(id);
      if (i === undefined) {
        at.set(id, ids.length);
        ids.push(id);
        scores.push(q.scores![k]!);
      } else scores[i] = q.scores![k]!;
    }
  },
  apply: (b, q) => patchCadreRows(b.rows, q),
};

function copySide<B, P>(s: Side<B, P>, ops: PatchOps<B, P>): Side<B, P> {
  const out: Side<B, P> = {};
  if (s.added) out.added = { ...s.added };
  if (s.dropped) out.dropped = [...s.dropped];
  if (s.patches) {
    out.patches = {};
    for (const k in s.patches) out.patches[k] = ops.copy(s.patches[k]!);
  }
  return out;
}

function mergeSide<B extends { rows: object }, P>(acc: Side<B, P>, next: Side<B, P>, ops: PatchOps<B, P>): void {
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
      ops.apply(b, q);
    } else {
      const patches = (acc.patches ??= {});
      if (patches[k]) ops.merge(patches[k], q);
      else patches[k] = ops.copy(q);
    }
  }
}

const boardsOf = (d: StandingsDiff): Side<Board, BoardPatch> => ({ added: d.added, dropped: d.dropped, patches: d.boards });
const cadresOf = (d: StandingsDiff): Side<CadreBoard, CadrePatch> => ({ added: d.cadresAdded, dropped: d.cadresDropped, patches: d.cadres });

function assemble(from: number, to: number, boards: Side<Board, BoardPatch>, cadres: Side<CadreBoard, CadrePatch>): StandingsDiff {
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
  return assemble(d.from, d.to, copySide(boardsOf(d), unitOps), copySide(cadresOf(d), cadreOps));
}

/** Composes `b` onto `acc` (from `startCompose` or an earlier `composeInto`), in place; returns `acc`. */
export function composeInto(acc: StandingsDiff, b: StandingsDiff): StandingsDiff {
  if (acc.to !== b.from) throw new Error(`cannot compose ${acc.from}→${acc.to} with ${b.from}→${b.to}`);
  const boards = boardsOf(acc);
  const cadres = cadresOf(acc);
  mergeSide(boards, boardsOf(b), unitOps);
  mergeSide(cadres, cadresOf(b), cadreOps);
  const out = assemble(acc.from, b.to, boards, cadres);
  for (const k of Object.keys(acc) as Array<keyof StandingsDiff>) delete acc[k];
  return Object.assign(acc, out);
}

/** `a` then `b` as one diff; neither input changes. */
export function composeDiff(a: StandingsDiff, b: StandingsDiff): StandingsDiff {
  return composeInto(startCompose(a), b);
}
