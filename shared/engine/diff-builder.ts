/** Collects field changes while events are applied, then emits one compact StandingsDiff. */
import type { Board, CadreBoard, Row, Standings, StandingsDiff } from '../standings.ts';

export class DiffBuilder {
  /** Board key → row id → pending patch: plain objects from the start, so `build` only wraps them. */
  private readonly boards = new Map<string, Record<string, Partial<Row>>>();
  private lastKey = '';
  private last: Record<string, Partial<Row>> | null = null;

  /** The pending patch of one row (created on first use). */
  row(board: string, id: string): Partial<Row> {
    let b = board === this.lastKey ? this.last : this.boards.get(board);
    if (!b) this.boards.set(board, (b = {}));
    this.lastKey = board;
    this.last = b;
    return Object.hasOwn(b, id) ? b[id]! : (b[id] = {});
  }

  build(from: number, to: number): StandingsDiff {
    const d: StandingsDiff = { from, to };
    for (const [key, rows] of this.boards) {
      // cadre boards are keyed `cadre|…`; their rows carry scores only
      const target = key.startsWith('cadre|') ? (d.cadres ??= {}) : (d.boards ??= {});
      target[key] = { rows };
    }
    return d;
  }
}

/** The diff that turns standings `a` into standings `b` (used after full rebuilds). */
export function diffStandings(a: Standings, b: Standings): StandingsDiff {
  const d: StandingsDiff = { from: a.version, to: b.version };
  const boards = diffBoards(a.boards, b.boards);
  if (boards.added) d.added = boards.added;
  if (boards.dropped) d.dropped = boards.dropped;
  if (boards.patches) d.boards = boards.patches;
  const cadres = diffBoards(a.cadres, b.cadres);
  if (cadres.added) d.cadresAdded = cadres.added;
  if (cadres.dropped) d.cadresDropped = cadres.dropped;
  if (cadres.patches) d.cadres = cadres.patches;
  return d;
}

function diffBoards<B extends Board | CadreBoard>(a: Record<string, B>, b: Record<string, B>) {
  let added: Record<string, B> | undefined;
  let dropped: string[] | undefined;
  let patches: Record<string, { rows?: Record<string, Partial<B['rows'][string]>>; removed?: string[] }> | undefined;
  for (const k of Object.keys(a)) if (!(k in b)) (dropped ??= []).push(k);
  for (const [k, nb] of Object.entries(b)) {
    const ob = a[k];
    if (!ob) {
      (added ??= {})[k] = nb;
      continue;
    }
    const rows: Record<string, Partial<B['rows'][string]>> = {};
    const removed: string[] = [];
    let any = false;
    for (const id of Object.keys(ob.rows)) if (!(id in nb.rows)) removed.push(id);
    for (const [id, nr] of Object.entries(nb.rows) as unknown as Array<[string, Record<string, unknown>]>) {
      const or = ob.rows[id] as Record<string, unknown> | undefined;
      const part: Record<string, unknown> = {};
      let changed = false;
      for (const f of Object.keys(nr)) {
        if (!or || or[f] !== nr[f]) {
          part[f] = nr[f];
          changed = true;
        }
      }
      if (changed) {
        rows[id] = part as Partial<B['rows'][string]>;
        any = true;
      }
    }
    if (any || removed.length) {
      const p: { rows?: Record<string, Partial<B['rows'][string]>>; removed?: string[] } = {};
      if (any) p.rows = rows;
      if (removed.length) p.removed = removed;
      (patches ??= {})[k] = p;
    }
  }
  return { added, dropped, patches };
}
