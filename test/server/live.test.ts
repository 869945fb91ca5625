import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDiff, type Standings, type StandingsDiff } from '../../shared/standings.ts';
import type { Reply, SubscribeResult } from '../../shared/protocol.ts';
import { filterStandings, roomSet } from '../../server/live/room-filter.ts';
import { connected, login, socketFor, startServer, until, type Client, type TestServer, type TestSocket } from './helpers/server.ts';

/** A subscribed client that keeps standings by applying patches in order, like the real one. */
async function follower(url: string, cookie: string | null, rooms: string[], since: Standings | null = null) {
  const s = socketFor(url, { cookie });
  const state: { standings: Standings | null; patches: StandingsDiff[]; socket: TestSocket } = { standings: null, patches: [], socket: s };
  s.on('standings:patch', (d) => {
    state.patches.push(d);
    if (state.standings) applyDiff(state.standings, d);
  });
  await connected(s);
  // The ack is handled in its callback, like the real client does: a patch that arrives in the
  // same read as the ack is dispatched right after it, before an awaited reply would resume.
  const r = await new Promise<Reply<SubscribeResult>>((resolve) =>
    s.emit('standings:subscribe', { rooms, since: since?.version ?? null }, (reply) => {
      if (reply.ok) state.standings = apply(since, reply.data);
      resolve(reply);
    }),
  );
  if (!r.ok) throw new Error(r.error.code);
  return state;
}

function apply(base: Standings | null, r: SubscribeResult): Standings {
  if (r.snapshot) return r.snapshot;
  const s = structuredClone(base!);
  for (const d of r.diffs ?? []) applyDiff(s, d);
  return s;
}

const value = (unit: string, indicator: string, v: number, key: string) => ({ key, period: 'm01', unit, indicator, value: v });

describe('live standings over Socket.IO', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(() => srv.close());

  const serverView = async (rooms: string[]): Promise<Standings> => {
    const r = await admin.req('GET', '/api/standings');
    return filterStandings(r.body, roomSet(rooms));
  };

  it('a value submitted over HTTP reaches a subscribed client as a diff', async () => {
    const f = await follower(srv.url, admin.cookie, ['group:g1']);
    const before = f.standings!.version;
    const r = await admin.req('POST', '/api/values', value('t1', 'inv', 95, 'live-1'));
    expect(r.status).toBe(201);
    await until(() => f.patches.length > 0);
    expect(f.patches[0]).toMatchObject({ from: before, to: r.body.seq });
    expect(f.patches[0]!.boards ?? f.patches[0]!.added).toBeTruthy();
    expect(f.standings).toEqual(await serverView(['group:g1']));
    f.socket.close();
  });

  it('a value that moves every score of a board reaches clients as dense scores, and they converge', async () => {
    const f = await follower(srv.url, admin.cookie, ['group:g1']);
    await admin.req('POST', '/api/values', value('t2', 'inv', 50, 'dense-1'));
    await admin.req('POST', '/api/values', value('t1', 'inv', 20, 'dense-2'));
    // t1 becomes the group's best: efficacy rescales t2 too
    const r = await admin.req('POST', '/api/values', value('t1', 'inv', 150, 'dense-3'));
    await until(() => f.standings!.version === r.body.seq);
    const dense = f.patches.flatMap((d) => Object.values(d.boards ?? {})).filter((p) => p.scores);
    expect(dense.length).toBeGreaterThan(0);
    expect(dense.every((p) => p.scores!.length === 2 && Object.values(p.rows ?? {}).every((part) => part.score === undefined))).toBe(true);
    expect(f.standings).toEqual(await serverView(['group:g1']));
    f.socket.close();
  });

  it('a room gets no patch while nothing of it changes; its next patch starts at its last version', async () => {
    const g2 = await follower(srv.url, admin.cookie, ['group:g2']);
    const start = g2.standings!.version;
    const r1 = await admin.req('POST', '/api/values', value('t1', 'inv', 80, 'live-2'));
    expect(r1.status).toBe(201);
    await new Promise((r) => setTimeout(r, 150));
    expect(g2.patches).toEqual([]);
    const r2 = await admin.req('POST', '/api/values', value('t3', 'inv', 81, 'live-3'));
    await until(() => g2.patches.length > 0);
    expect(g2.patches).toHaveLength(1);
    expect(g2.patches[0]).toMatchObject({ from: start, to: r2.body.seq });
    expect(g2.patches[0]!.boards ?? g2.patches[0]!.added).toBeTruthy();
    expect(g2.standings!.version).toBe(r2.body.seq);
    expect(g2.standings).toEqual(await serverView(['group:g2']));
    g2.socket.close();
  });

  it('a burst of versions reaches clients as fewer, chained, composed diffs; late joiners still converge', async () => {
    const rooms = ['group:g1', 'group:g2', 'cadres'];
    const f = await follower(srv.url, admin.cookie, rooms);
    const start = f.standings!.version;
    const posts = Array.from({ length: 30 }, (_, i) => admin.req('POST', '/api/values', value(['t1', 't2', 't3', 't4'][i % 4]!, 'inv', 40 + i, `burst-${i}`)));
    const late = follower(srv.url, admin.cookie, rooms);
    await Promise.all(posts);
    const joiner = await late;
    await until(() => f.standings!.version === start + 30 && joiner.standings!.version === start + 30);
    expect(f.patches.length).toBeLessThan(30);
    f.patches.forEach((d, i) => expect(d.from).toBe(i ? f.patches[i - 1]!.to : start));
    const view = await serverView(rooms);
    expect(f.standings).toEqual(view);
    expect(joiner.standings).toEqual(view);
    // The shared snapshot, kept current by applying diffs, equals a fresh copy from the engine.
    expect(srv.app.race.standings()).toEqual(srv.app.race.engine!.standings());
    f.socket.close();
    joiner.socket.close();
  });

  it('a room whose boards no other room held, joining in a burst, converges (only held boards are composed)', async () => {
    const g1 = await follower(srv.url, admin.cookie, ['group:g1']);
    const start = g1.standings!.version;
    // Units of both groups: the pending diff is composed for group g1 only until the late room joins.
    const posts = Array.from({ length: 30 }, (_, i) => admin.req('POST', '/api/values', value(['t1', 't3', 't2', 't4'][i % 4]!, 'inv', 60 + i, `held-${i}`)));
    await posts[3];
    const late = await follower(srv.url, admin.cookie, ['group:g2', 'cadres']);
    await Promise.all(posts);
    await until(() => g1.standings!.version > start && late.standings!.version === start + 30);
    expect(late.standings).toEqual(await serverView(['group:g2', 'cadres']));
    // And afterwards the late room's boards keep coming: a g1 town's value moves its cadre.
    const r = await admin.req('POST', '/api/values', value('t1', 'inv', 7, 'held-after'));
    await until(() => late.standings!.version === r.body.seq);
    expect(late.patches.at(-1)!.cadres).toBeTruthy();
    expect(late.standings).toEqual(await serverView(['group:g2', 'cadres']));
    expect(g1.standings).toEqual(await serverView(['group:g1']));
    g1.socket.close();
    late.socket.close();
  });

  it('a client that was offline catches up with the diffs it missed', async () => {
    const rooms = ['group:g1', 'group:g2', 'cadres'];
    const f = await follower(srv.url, admin.cookie, rooms);
    const held = structuredClone(f.standings!);
    f.socket.close();
    for (let i = 0; i < 5; i++) await admin.req('POST', '/api/values', value(i % 2 ? 't3' : 't2', 'inv', 60 + i, `offline-${i}`));
    const back = await follower(srv.url, admin.cookie, rooms, held);
    expect(back.standings).toEqual(await serverView(rooms));
    expect(back.standings!.version).toBe(held.version + 5);
    back.socket.close();
  });

  it('after a server restart clients converge to the same version', async () => {
    const rooms = ['group:g1', 'group:g2', 'cadres'];
    const f = await follower(srv.url, admin.cookie, rooms);
    const held = structuredClone(f.standings!);
    f.socket.close();
    await srv.close({ keepDir: true });
    srv = await startServer({ dir: srv.dir });
    admin = await login(srv.url, 'admin');
    await admin.req('POST', '/api/values', value('t4', 'inv', 70, 'restart-1'));
    const back = await follower(srv.url, admin.cookie, rooms, held);
    expect(back.standings).toEqual(await serverView(rooms));
    expect(back.standings!.version).toBe(srv.app.race.version);
    back.socket.close();
  });
});
