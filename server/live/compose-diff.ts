/**
 * Composing consecutive diffs (a: v0→v1, b: v1→v2) into one diff v0→v2, so that a burst of
 * versions reaches a socket as one message. `applyDiff(s, compose(a, b))` equals
 * `applyDiff(applyDiff(s, a), b)` (tested in test/server/compose-diff.test.ts).
 */
import type { StandingsDiff } from '../../shared/standings.ts';

interface Patch<R> {
  rows?: Record<string, Partial<R>>;
  removed?: string[];
}
interface Full<R> {
  rows: Record<string, R>;
}

/** Merges patch `q` (applied after `p`) into `p`, in place. */
function mergePatch<R>(p: Patch<R>, q: Patch<R>): void {
  for (const id of q.removed ?? []) {
    if (p.rows) delete p.rows[id];
    if (!p.removed?.includes(id)) (p.removed ??= []).push(id);
  }
  for (const [id, part] of Object.entries(q.rows ?? {})) {
    const rows = (p.rows ??= {});
    // A row removed earlier and set again: applyDiff removes first, then sets — a complete row.
    rows[id] = p.removed?.includes(id) && !rows[id] ? { ...part } : { ...rows[id], ...part };
  }
}

/** Applies patch `q` to a complete board, in place. */
function patchFull<R>(b: Full<R>, q: Patch<R>): void {
  for (const id of q.removed ?? []) delete b.rows[id];
  for (const [id, part] of Object.entries(q.rows ?? {})) b.rows[id] = { ...b.rows[id], ...part } as R;
}

function composeSide<B extends Full<R>, R>(
  added: Record<string, B> | undefined,
  dropped: string[] | undefined,
  patches: Record<string, Patch<R>> | undefined,
  next: { added?: Record<string, B>; dropped?: string[]; patches?: Record<string, Patch<R>> },
): { added?: Record<string, B>; dropped?: string[]; patches?: Record<string, Patch<R>> } {
  const A = { ...added };
  const D = new Set(dropped ?? []);
  const P: Record<string, Patch<R>> = {};
  for (const [k, p] of Object.entries(patches ?? {})) P[k] = { ...(p.rows ? { rows: { ...p.rows } } : {}), ...(p.removed ? { removed: [...p.removed] } : {}) };
  for (const k of next.dropped ?? []) {
    delete A[k];
    delete P[k];
    D.add(k);
  }
  for (const [k, b] of Object.entries(next.added ?? {})) {
    A[k] = b;
    delete P[k];
  }
  for (const [k, q] of Object.entries(next.patches ?? {})) {
    if (A[k]) {
      const copy = { ...A[k], rows: { ...A[k].rows } };
      patchFull(copy, q);
      A[k] = copy;
    } else mergePatch((P[k] ??= {}), q);
  }
  return {
    ...(Object.keys(A).length ? { added: A } : {}),
    ...(D.size ? { dropped: [...D] } : {}),
    ...(Object.keys(P).length ? { patches: P } : {}),
  };
}

export function composeDiff(a: StandingsDiff, b: StandingsDiff): StandingsDiff {
  if (a.to !== b.from) throw new Error(`cannot compose ${a.from}→${a.to} with ${b.from}→${b.to}`);
  const boards = composeSide(a.added, a.dropped, a.boards, { added: b.added, dropped: b.dropped, patches: b.boards });
  const cadres = composeSide(a.cadresAdded, a.cadresDropped, a.cadres, { added: b.cadresAdded, dropped: b.cadresDropped, patches: b.cadres });
  const out: StandingsDiff = { from: a.from, to: b.to };
  if (boards.added) out.added = boards.added;
  if (boards.dropped) out.dropped = boards.dropped;
  if (boards.patches) out.boards = boards.patches;
  if (cadres.added) out.cadresAdded = cadres.added;
  if (cadres.dropped) out.cadresDropped = cadres.dropped;
  if (cadres.patches) out.cadres = cadres.patches;
  return out;
}
