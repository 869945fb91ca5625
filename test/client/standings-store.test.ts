import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useStandingsStore } from '../../client/src/stores/standings.ts';
import { FakeSocket } from './fake-socket.ts';
import { KEY, row, scoreDiff, standingsAt } from './fixtures.ts';

function setup(): { store: ReturnType<typeof useStandingsStore>; sock: FakeSocket } {
  const store = useStandingsStore();
  const sock = new FakeSocket();
  store.attach(sock);
  store.setRooms(['group:towns']);
  sock.connect();
  return { store, sock };
}

/** Runs `fn` with console.error silenced (the store logs what it recovers from). */
function quietly(fn: () => void): void {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
}

describe('standings store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('subscribes fresh, takes the snapshot and applies patches in order', () => {
    const { store, sock } = setup();
    expect(store.state).toBe('connecting');
    const req = sock.answer({ version: 5, snapshot: standingsAt(5) });
    expect(req).toEqual({ rooms: ['group:towns'], since: null });
    expect(store.version).toBe(5);
    expect(store.state).toBe('live');
    sock.patch(scoreDiff(5, 'b', 95, 1));
    expect(store.version).toBe(6);
    expect(store.standings?.boards[KEY]?.rows.b).toMatchObject({ score: 95, rank: 1 });
  });

  it('ignores old patches and resubscribes with its version on a gap', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    sock.patch(scoreDiff(4, 'a', 10));
    expect(store.version).toBe(5);
    expect(sock.requests).toHaveLength(0);
    sock.patch(scoreDiff(7, 'a', 10)); // 5 → 7 missing
    expect(store.version).toBe(5);
    expect(sock.requests[0]?.req.since).toBe(5);
    sock.answer({ version: 8, diffs: [scoreDiff(5, 'a', 91), scoreDiff(6, 'a', 92), scoreDiff(7, 'a', 93)] });
    expect(store.version).toBe(8);
    expect(store.standings?.boards[KEY]?.rows.a?.score).toBe(93);
  });

  it('applies a patch that starts before its version (the room had nothing in between)', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    // The room's last patch ended at 3; versions 4 and 5 changed other rooms only.
    sock.patch({ ...scoreDiff(3, 'a', 77), to: 9 });
    expect(store.version).toBe(9);
    expect(store.standings?.boards[KEY]?.rows.a?.score).toBe(77);
    expect(sock.requests).toHaveLength(0);
  });

  it('queues patches that arrive while a subscribe is in flight', () => {
    const { store, sock } = setup();
    sock.patch(scoreDiff(5, 'a', 91));
    sock.patch(scoreDiff(6, 'a', 92));
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    expect(store.version).toBe(7);
    expect(store.standings?.boards[KEY]?.rows.a?.score).toBe(92);
  });

  it('keeps the last standings while reconnecting and catches up from its version', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    sock.drop();
    expect(store.state).toBe('reconnecting');
    expect(store.standings?.boards[KEY]?.rows.a?.score).toBe(90);
    sock.connect();
    expect(store.state).toBe('syncing');
    const req = sock.answer({ version: 6, diffs: [scoreDiff(5, 'a', 50, 2)] });
    expect(req.since).toBe(5);
    expect(store.version).toBe(6);
    expect(store.state).toBe('live');
  });

  it('never goes back a version when a snapshot is older', () => {
    const { store, sock } = setup();
    sock.answer({ version: 9, snapshot: standingsAt(9) });
    sock.drop();
    sock.connect();
    sock.answer({ version: 7, snapshot: standingsAt(7, { a: row(1, 1) }) });
    expect(store.version).toBe(9);
    expect(store.standings?.boards[KEY]?.rows.a?.score).toBe(90);
  });

  it('replaces with a newer snapshot after a long absence', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    sock.drop();
    sock.connect();
    sock.answer({ version: 500, snapshot: standingsAt(500, { a: row(2, 10), b: row(1, 20) }) });
    expect(store.version).toBe(500);
    expect(store.standings?.boards[KEY]?.rows.b?.rank).toBe(1);
  });

  it('ignores an ack from before a reconnect', () => {
    const { store, sock } = setup();
    sock.drop();
    sock.connect();
    expect(sock.requests).toHaveLength(2);
    sock.answer({ version: 3, snapshot: standingsAt(3) }); // stale ack of the first connection
    expect(store.version).toBe(-1);
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    expect(store.version).toBe(5);
  });

  it('retries a failed subscribe with backoff', () => {
    vi.useFakeTimers();
    try {
      const { store, sock } = setup();
      sock.fail();
      expect(sock.requests).toHaveLength(0);
      vi.advanceTimersByTime(31_000);
      expect(sock.requests).toHaveLength(1);
      sock.answer({ version: 2, snapshot: standingsAt(2) });
      expect(store.version).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for a snapshot when a room is added', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    store.setRooms(['group:towns', 'cadres']);
    expect(sock.requests[0]?.req).toEqual({ rooms: ['cadres', 'group:towns'], since: null });
  });

  it('shows a snapshot even when the queued patch after it leaves a gap', () => {
    const { store, sock } = setup();
    sock.patch(scoreDiff(9, 'a', 1)); // arrives before the snapshot; 5 → 9 is a gap
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    expect(store.version).toBe(5);
    expect(sock.requests[0]?.req.since).toBe(5);
  });

  it('keeps advancing when a change listener throws', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    store.onChange(() => {
      throw new Error('boom');
    });
    quietly(() => sock.patch(scoreDiff(5, 'a', 1)));
    expect(store.version).toBe(6);
  });

  it('reports rank moves to change listeners', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    const seen: unknown[] = [];
    store.onChange((changes) => seen.push(...changes));
    // Patches carry scores, not ranks: the new rank comes from re-ranking the board. The unit it
    // overtook is not news of its own (its score did not change).
    sock.patch({ from: 5, to: 6, boards: { [KEY]: { rows: { b: { score: 95 } } } } });
    expect(seen).toEqual([{ board: KEY, unit: 'b', fromRank: 2, toRank: 1, fromScore: 80, toScore: 95 }]);
    expect(store.standings!.boards[KEY]!.rows.a!.rank).toBe(2);
  });

  it('applies dense score patches and reports only the rows whose score changed', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5, { a: row(1, 90), b: row(2, 80), c: row(3, 70) }) });
    const seen: unknown[] = [];
    store.onChange((changes) => seen.push(...changes));
    // every score of the board, in row-id order (a, b, c); c also turns yellow
    sock.patch({ from: 5, to: 6, boards: { [KEY]: { scores: [90, 95, 60], rows: { c: { light: 'yellow' } } } } });
    expect(store.version).toBe(6);
    const rows = store.standings!.boards[KEY]!.rows;
    expect(rows.b).toMatchObject({ score: 95, rank: 1 });
    expect(rows.a).toMatchObject({ score: 90, rank: 2 });
    expect(rows.c).toMatchObject({ score: 60, rank: 3, light: 'yellow' });
    expect(seen).toEqual([
      { board: KEY, unit: 'b', fromRank: 2, toRank: 1, fromScore: 80, toScore: 95 },
      { board: KEY, unit: 'c', fromRank: 3, toRank: 3, fromScore: 70, toScore: 60 },
    ]);
  });

  it('reloads a snapshot when a dense patch does not fit its board', () => {
    const { store, sock } = setup();
    sock.answer({ version: 5, snapshot: standingsAt(5) });
    quietly(() => sock.patch({ from: 5, to: 6, boards: { [KEY]: { scores: [1, 2, 3] } } })); // the board has two rows
    expect(store.version).toBe(5);
    expect(sock.requests.at(-1)?.req).toEqual({ rooms: ['group:towns'], since: null });
    sock.answer({ version: 6, snapshot: standingsAt(6, { a: row(1, 91), b: row(2, 81) }) });
    expect(store.version).toBe(6);
    expect(store.standings!.boards[KEY]!.rows.a).toMatchObject({ score: 91, rank: 1 });
  });
});
