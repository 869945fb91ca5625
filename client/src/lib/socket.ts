/**
 * The one typed Socket.IO connection of the app. Socket.IO reconnects by itself with jittered
 * backoff, except after a server-side disconnect or a rejected handshake; those are retried here,
 * forever, so an unattended wall display always comes back.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../../../shared/protocol.ts';
import { backoffDelay } from './backoff.ts';

export type AppSocket = Socket<ServerToClient, ClientToServer>;

let shared: AppSocket | null = null;

/** Creates (once) and returns the app's socket; `token` is a display token, if any. */
export function appSocket(token: string | null): AppSocket {
  if (shared) return shared;
  const socket: AppSocket = io({
    path: '/socket.io',
    auth: token ? { token } : {},
    withCredentials: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 500,
    reconnectionDelayMax: 15_000,
    randomizationFactor: 0.5,
    timeout: 10_000,
  });
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const retryLater = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!socket.connected) socket.connect();
    }, backoffDelay(attempt++));
  };
  socket.on('connect', () => {
    attempt = 0;
  });
  socket.on('disconnect', (reason) => {
    // Socket.IO does not reconnect by itself after the server closed the socket.
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', () => {
    // A rejected handshake (middleware error) leaves the socket inactive.
    if (!socket.active) retryLater();
  });
  shared = socket;
  return socket;
}

/** Reconnects (after sign-in, so the handshake carries the new session cookie). */
export function reconnectSocket(): void {
  if (!shared) return;
  shared.disconnect();
  shared.connect();
}
