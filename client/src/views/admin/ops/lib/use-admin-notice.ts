/**
 * Live refresh of the console: joins the socket's `admin` room and calls back on `admin:notice`
 * of the given kinds (at most once per `waitMs`). Rejoins after every reconnect; leaves on unmount. Only admins
 * may join; for other roles this does nothing.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { appSocket } from '../../../../lib/socket.ts';

export function useAdminNotice(kinds: (kind: string) => boolean, onNotice: () => void, enabled: () => boolean, waitMs = 400) {
  const live = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const socket = appSocket(null);
  const join = (): void => {
    socket.emit('standings:subscribe', { rooms: ['admin'], since: null }, (r) => {
      live.value = r.ok;
    });
  };
  const notice = (p: { kind: string }): void => {
    // At most one refresh per `waitMs`, even while notices keep coming (the demo feeder never stops).
    if (!kinds(p.kind) || timer) return;
    timer = setTimeout(() => {
      timer = null;
      onNotice();
    }, waitMs);
  };
  const down = (): void => {
    live.value = false;
  };
  onMounted(() => {
    if (!enabled()) return;
    socket.on('admin:notice', notice);
    socket.on('connect', join);
    socket.on('disconnect', down);
    if (socket.connected) join();
  });
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    socket.off('admin:notice', notice);
    socket.off('connect', join);
    socket.off('disconnect', down);
    if (enabled() && socket.connected) socket.emit('standings:unsubscribe', { rooms: ['admin'] }, () => undefined);
  });
  return { live };
}
