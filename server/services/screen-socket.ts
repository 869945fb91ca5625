/**
 * Wall-display sockets on the published snapshot (setting `screenSource: 'published'`), without
 * touching the live server: a per-socket packet middleware answers a display's
 * `standings:subscribe` with the published snapshot and keeps it out of the live patch rooms
 * (it never reaches the live handler, so it joins no signature room). When the snapshot or the
 * setting changes, display sockets are disconnected; the client reconnects (it retries
 * server-side disconnects forever) and subscribes again, getting the right view. The snapshot is
 * labelled with the current version (see below). A display that
 * was on the snapshot subscribes to live standings with `since: null`, so it gets a whole
 * snapshot rather than diffs that assume the boards it does not have.
 */
import type { Server, Socket } from 'socket.io';
import { SubscribeRequestSchema, type Reply, type SubscribeResult } from '../../shared/protocol.ts';
import type { Principal } from '../auth/roles.ts';
import { mayJoin } from '../live/socket-server.ts';
import { filterStandings, roomSet } from '../live/room-filter.ts';
import type { ScreenFeed } from './screen-source.ts';

type AnySocket = Socket;

export function attachScreenFeed(io: Server, screen: ScreenFeed, currentVersion: () => number): () => void {
  /** Display tokens last served the published snapshot. */
  const onSnapshot = new Set<string>();
  const principalOf = (s: AnySocket) => (s.data as { principal?: Principal } | undefined)?.principal;

  const onConnection = (socket: AnySocket) => {
    socket.use((packet, next) => {
      const [event, req, ack] = packet as [string, unknown, unknown];
      const p = principalOf(socket);
      if (event !== 'standings:subscribe' || p?.role !== 'display') return next();
      const token = p.tokenId ?? p.actor;
      if (!screen.servesPublished(p)) {
        // Back on live standings: a whole snapshot, not diffs onto the published boards.
        if (onSnapshot.delete(token) && req && typeof req === 'object') (req as { since: unknown }).since = null;
        return next();
      }
      if (typeof ack !== 'function') return;
      const reply = ack as (r: Reply<SubscribeResult>) => void;
      const parsed = SubscribeRequestSchema.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: { code: 'bad_request', message: '订阅请求格式不正确。' } });
      const denied = parsed.data.rooms.filter((r) => !mayJoin(p, r));
      if (denied.length) return reply({ ok: false, error: { code: 'forbidden', message: '您没有执行此操作的权限。' } });
      onSnapshot.add(token);
      // Labelled with the current version: clients keep a snapshot only if it is not older than
      // what they hold, and a display coming from live standings holds a newer version than the
      // publication. No diffs ever follow this snapshot (displays are disconnected on change).
      const version = currentVersion();
      reply({ ok: true, data: { version, snapshot: { ...filterStandings(screen.snapshot(), roomSet(parsed.data.rooms)), version } } });
    });
  };
  io.on('connection', onConnection);
  const off = screen.onChange(() => {
    for (const s of io.of('/').sockets.values()) if (principalOf(s)?.role === 'display') s.disconnect(true);
  });
  return () => {
    io.off('connection', onConnection);
    off();
  };
}
