/**
 * Watching the `admin` room: join it (again after every reconnect), call back on `admin:notice`
 * of the given kinds at most once per `waitMs`, and leave it when stopped.
 */

/** The part of the app's socket this needs (a fake in tests). */
export interface NoticePort {
  readonly connected: boolean;
  on(ev: 'admin:notice', fn: (p: { kind: string }) => void): unknown;
  on(ev: 'connect' | 'disconnect', fn: () => void): unknown;
  off(ev: 'admin:notice', fn: (p: { kind: string }) => void): unknown;
  off(ev: 'connect' | 'disconnect', fn: () => void): unknown;
  emit(ev: 'standings:subscribe', req: { rooms: string[]; since: null }, ack: (r: { ok: boolean }) => void): unknown;
  emit(ev: 'standings:unsubscribe', req: { rooms: string[] }, ack: () => void): unknown;
}

export interface NoticeWatch {
  stop(): void;
}

export function watchAdminNotice(socket: NoticePort, kinds: (kind: string) => boolean, onNotice: () => void, waitMs: number, onLive: (live: boolean) => void): NoticeWatch {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const join = (): void => {
    socket.emit('standings:subscribe', { rooms: ['admin'], since: null }, (r) => onLive(r.ok));
  };
  const down = (): void => onLive(false);
  const notice = (p: { kind: string }): void => {
    // At most one refresh per `waitMs`, even while notices keep coming (the demo feeder never stops).
    if (!kinds(p.kind) || timer) return;
    timer = setTimeout(() => {
      timer = null;
      onNotice();
    }, waitMs);
  };
  socket.on('admin:notice', notice);
  socket.on('connect', join);
  socket.on('disconnect', down);
  if (socket.connected) join();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      socket.off('admin:notice', notice);
      socket.off('connect', join);
      socket.off('disconnect', down);
      if (socket.connected) socket.emit('standings:unsubscribe', { rooms: ['admin'] }, () => undefined);
    },
  };
}
