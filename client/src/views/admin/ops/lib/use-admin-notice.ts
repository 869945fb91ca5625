/**
 * Live refresh of the console: `watchAdminNotice` on the app's socket while the component is
 * mounted. Admins and leaders may join the `admin` room; for other roles `enabled` must say no.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { appSocket } from '../../../../lib/socket.ts';
import { watchAdminNotice, type NoticePort, type NoticeWatch } from './admin-notice.ts';

export function useAdminNotice(kinds: (kind: string) => boolean, onNotice: () => void, enabled: () => boolean, waitMs = 400) {
  const live = ref(false);
  let watch: NoticeWatch | null = null;
  onMounted(() => {
    if (!enabled()) return;
    watch = watchAdminNotice(appSocket(null) as unknown as NoticePort, kinds, onNotice, waitMs, (l) => (live.value = l));
  });
  onBeforeUnmount(() => watch?.stop());
  return { live };
}
