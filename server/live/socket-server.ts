/**
 * Live push over Socket.IO with the typed protocol of shared/protocol.ts. The handshake checks
 * Origin and resolves the caller (session cookie or `auth.token`); room joins are authorised per
 * role; every version that changes a socket's rooms is pushed to it as one diff filtered to them
 * (a patch's `from` may then be older than the socket's version: see `StandingsDiff`).
 */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { densify, isEmptyDiff, type StandingsDiff } from '../../shared/standings.ts';
import { SubscribeRequestSchema, type ClientToServer, type Reply, type ServerToClient } from '../../shared/protocol.ts';
import { canReadCadres, canReadLive, canReadUnit, canWatchConsole, type Principal } from '../auth/roles.ts';
import { readCookie, SESSION_COOKIE } from '../http/middleware.ts';
import { errors, prefersEnglish, type AppError } from '../http/errors.ts';
import type { RaceService } from '../services/race-service.ts';
import type { UserService } from '../services/user-service.ts';
import type { TokenService } from '../services/token-service.ts';
import { filterDiff, filterStandings, parseSignature, roomSet, signatureRoom, unitsTouched, type RoomSet } from './room-filter.ts';
import { originAllowed } from './origin.ts';
import { composeInto, startCompose } from './compose-diff.ts';
import { createPatchWindow } from './patch-window.ts';
import { joinBroadcastFrames } from './single-frame.ts';

interface SocketData {
  principal: Principal;
  rooms: Set<string>;
  sig: string | null;
  english: boolean;
}
type LiveSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export interface LiveDeps {
  race: RaceService;
  users: UserService;
  tokens: TokenService;
  /** Allowed browser origins besides the server's own host. */
  origins: string[];
  /**
   * Versions closer together than this reach each socket as one composed diff (from → to), so a
   * burst of submissions costs each client one message instead of hundreds; the gap also grows
   * with the cost of a broadcast (`patch-window.ts`). 0: every version alone.
   */
  patchWindowMs?: number;
  log: (msg: string, err?: unknown) => void;
  /** A patch went out `ms` after the oldest version it carries committed (metrics). */
  sent?: (ms: number) => void;
}

export function mayJoin(p: Principal, room: string): boolean {
  if (room.startsWith('group:')) return canReadLive(p);
  if (room === 'cadres') return canReadCadres(p);
  if (room.startsWith('unit:')) return canReadUnit(p, room.slice(5));
  if (room === 'admin') return canWatchConsole(p);
  return false;
}

export function createLiveServer(httpServer: http.Server, deps: LiveDeps) {
  const { race, users, tokens } = deps;
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, deps.origins)),
  });
  joinBroadcastFrames(io.of('/').adapter);

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
      const token = typeof auth.token === 'string' ? auth.token : null;
      let p: Principal | null = null;
      if (token !== null) {
        p = await tokens.resolve(token);
        if (!p) return next(new Error('bad_token'));
      } else {
        const sid = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
        if (sid && sid.length <= 200) p = await users.resolveSession(sid);
      }
      const principal: Principal = p ?? { role: 'public', actor: 'public', userId: null, tokenId: null, unit: null, department: null, via: 'none', sessionId: null, csrf: null, displayName: '' };
      socket.data = { principal, rooms: new Set(), sig: null, english: prefersEnglish(socket.handshake.headers['accept-language']) };
      if (principal.userId) void socket.join(`user:${principal.userId}`);
      if (principal.tokenId) void socket.join(`token:${principal.tokenId}`);
      next();
    } catch (err) {
      deps.log('socket handshake failed', err);
      next(new Error('internal'));
    }
  });

  const fail = (s: LiveSocket, e: AppError): Reply<never> => ({ ok: false, error: { code: e.code, message: s.data.english ? e.text.en : e.text.zh } });

  /** Moves the socket to the signature room of its current board rooms. */
  function resign(socket: LiveSocket): void {
    const set = roomSet(socket.data.rooms);
    const sig = set.groups.size || set.cadres ? signatureRoom(set) : null;
    if (socket.data.sig && socket.data.sig !== sig) void socket.leave(socket.data.sig);
    if (sig) void socket.join(sig);
    socket.data.sig = sig;
  }

  io.on('connection', (socket) => {
    socket.on('standings:subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = SubscribeRequestSchema.safeParse(req);
      if (!parsed.success) return ack(fail(socket, errors.badRequest('订阅请求格式不正确。', 'Malformed subscription request.')));
      const denied = parsed.data.rooms.filter((r) => !mayJoin(socket.data.principal, r));
      if (denied.length) return ack(fail(socket, errors.forbidden({ rooms: denied })));
      // Everything from here to the ack is synchronous, so no version can slip in between; the
      // pending diff goes out first, so this socket's next patch starts at the acked version.
      flush();
      for (const r of parsed.data.rooms) {
        socket.data.rooms.add(r);
        void socket.join(r);
      }
      resign(socket);
      const set = roomSet(socket.data.rooms);
      const since = parsed.data.since;
      const diffs = since === null ? null : race.diffsSince(since);
      if (diffs) return ack({ ok: true, data: { version: race.version, diffs: diffs.map((d) => filterDiff(d, set)) } });
      ack({ ok: true, data: { version: race.version, snapshot: filterStandings(race.standings(), set) } });
    });

    socket.on('standings:unsubscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      const rooms = req && Array.isArray(req.rooms) ? req.rooms.filter((r): r is string => typeof r === 'string').slice(0, 200) : null;
      if (!rooms) return ack(fail(socket, errors.badRequest('退订请求格式不正确。', 'Malformed unsubscribe request.')));
      for (const r of rooms) {
        if (!socket.data.rooms.delete(r)) continue;
        void socket.leave(r);
      }
      resign(socket);
      ack({ ok: true, data: null });
    });
  });

  /** `since`: performance.now() when its first version committed. */
  let pending: { diff: StandingsDiff; owned: boolean; units: Set<string>; kind: string; since: number } | null = null;

  /**
   * The diff as sent: a board whose scores mostly moved (a renormalised indicator) carries its
   * scores densely, read from the engine, which is at the diff's `to` (every version passes through
   * `pending`). The diffs in the ring and the subscribe replies stay in row form.
   */
  function wireDiff(d: StandingsDiff): StandingsDiff {
    const engine = race.engine;
    return engine && engine.version === d.to ? densify(d, (key) => engine.boardScores(key)) : d;
  }

  /**
   * Signature rooms whose last diffs were empty and not sent, with the `to` of the last patch they
   * got: their next patch starts there (`from`), as nothing of theirs changed in between.
   */
  const quiet = new Map<string, number>();

  /**
   * The signature rooms (kept by the adapter's room events, each parsed once) and the boards some
   * of them holds: the union of their groups, and the cadre boards if any holds them. Only that
   * part of a version is composed into the pending diff (a renormalised column rescores thousands
   * of cadres, which no group display needs). A room created after the window opened joined at the
   * then current version, so it misses nothing it did not already get.
   */
  const sigRooms = new Map<string, RoomSet>();
  let wanted: RoomSet = roomSet([]);
  const rewant = () => {
    wanted = roomSet([]);
    for (const set of sigRooms.values()) {
      for (const g of set.groups) wanted.groups.add(g);
      wanted.cadres ||= set.cadres;
    }
  };
  const adapter = io.of('/').adapter;
  adapter.on('create-room', (room: string) => {
    const set = parseSignature(room);
    if (!set) return;
    sigRooms.set(room, set);
    rewant();
  });
  adapter.on('delete-room', (room: string) => {
    if (!sigRooms.delete(room)) return;
    quiet.delete(room);
    rewant();
  });

  /** Sends the pending (composed) diff to every signature room it changes, and the unit/admin notices. */
  function send(): boolean {
    if (!pending) return false;
    const { diff, units, kind, since } = pending;
    pending = null;
    const rooms = adapter.rooms;
    const wire = wireDiff(diff);
    for (const [room, set] of sigRooms) {
      const part = filterDiff(wire, set);
      if (isEmptyDiff(part)) {
        if (!quiet.has(room)) quiet.set(room, diff.from);
        continue;
      }
      part.from = quiet.get(room) ?? diff.from;
      quiet.delete(room);
      // One encoding per room: Socket.IO frames the packet once and writes it to each socket.
      io.to(room).emit('standings:patch', part);
    }
    for (const u of units) if (rooms.has(`unit:${u}`)) io.to(`unit:${u}`).emit('unit:changed', { unit: u, version: diff.to });
    if (rooms.has('admin')) io.to('admin').emit('admin:notice', { kind, id: String(diff.to), version: diff.to });
    deps.sent?.(performance.now() - since);
    return true;
  }
  const patches = createPatchWindow(send, { minMs: deps.patchWindowMs ?? 30 });
  const flush = () => patches.flush();

  const unsubscribe = race.onVersion((diff, events) => {
    const units = pending?.units ?? new Set<string>();
    for (const u of unitsTouched(diff)) units.add(u);
    const part = filterDiff(diff, wanted);
    // The first part of a window shares its boards with the ring's diff: copied once when a
    // second one arrives.
    const composed = !pending ? part : pending.owned ? composeInto(pending.diff, part) : composeInto(startCompose(pending.diff), part);
    pending = { diff: composed, owned: !!pending, units, kind: events[events.length - 1]?.type ?? 'event', since: pending?.since ?? performance.now() };
    patches.schedule();
  });

  /** Tells a user's sockets that the session ended, then disconnects them. */
  function endUser(userId: string, reason: string): void {
    io.to(`user:${userId}`).emit('session:ended', { reason });
    io.in(`user:${userId}`).disconnectSockets(false);
  }
  function endToken(tokenId: string): void {
    io.to(`token:${tokenId}`).emit('session:ended', { reason: 'token_revoked' });
    io.in(`token:${tokenId}`).disconnectSockets(false);
  }

  /** An appeal was filed or decided: admins and the unit refresh their queues. */
  function notifyAppeal(id: string, unit: string): void {
    io.to('admin').emit('admin:notice', { kind: 'appeal', id, version: race.version });
    io.to(`unit:${unit}`).emit('unit:changed', { unit, version: race.version });
  }

  return {
    io,
    endUser,
    endToken,
    notifyAppeal,
    close: () => {
      unsubscribe();
      patches.close();
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}

export type LiveServer = ReturnType<typeof createLiveServer>;
