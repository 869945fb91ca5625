/**
 * The typed Socket.IO protocol, declared once and used on both sides:
 * `new Server<ClientToServer, ServerToClient>()` and `io() as Socket<ServerToClient, ClientToServer>`.
 */
import { z } from 'zod';
import type { Standings, StandingsDiff } from './standings.ts';

/** One reply shape for acks and errors. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * Rooms:
 * - `group:<groupId>` — public standings of one group (every track, overall, season boards);
 * - `cadres` — cadre boards;
 * - `unit:<unitId>` — private detail of one unit (that unit, leaders, admins);
 * - `admin` — audit and review-queue notifications (admins).
 */
export const RoomSchema = z.string().regex(/^(group:[A-Za-z0-9_.-]{1,64}|cadres|unit:[A-Za-z0-9_.-]{1,64}|admin)$/);
export type Room = z.infer<typeof RoomSchema>;

export const SubscribeRequestSchema = z.object({
  rooms: z.array(RoomSchema).min(1).max(200),
  /** The last version the client holds; null for a fresh client. */
  since: z.number().int().min(0).nullable(),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

export interface SubscribeResult {
  version: number;
  /** Diffs since `since`, in order (filtered to the rooms) — or a snapshot when too far behind. */
  diffs?: StandingsDiff[];
  snapshot?: Standings;
}

export interface ServerToClient {
  /**
   * A diff filtered to the socket's rooms, sent when something in them changed; `from` is the
   * previous patch's `to` (or the acked version), so it may be below the version held.
   */
  'standings:patch': (diff: StandingsDiff) => void;
  /** Private detail of a unit changed at this version (refetch its explanation). */
  'unit:changed': (p: { unit: string; version: number }) => void;
  /** Something admins watch changed (appeal, audit). */
  'admin:notice': (p: { kind: string; id: string; version: number }) => void;
  /** The session ended (logout, password or role change, user disabled); the socket closes. */
  'session:ended': (p: { reason: string }) => void;
}

export interface ClientToServer {
  'standings:subscribe': (req: SubscribeRequest, ack: (r: Reply<SubscribeResult>) => void) => void;
  'standings:unsubscribe': (req: { rooms: string[] }, ack: (r: Reply<null>) => void) => void;
}
