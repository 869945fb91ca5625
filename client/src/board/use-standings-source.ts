/**
 * Standings for the board pages: live from the standings store, or as of a past version
 * (`GET /api/standings?version=`) — a published period's snapshot or any version typed in.
 */
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, markRaw, type Ref } from 'vue';
import type { Standings } from '../../../shared/standings.ts';
import { api, getDisplayToken } from '../lib/api.ts';
import { appSocket } from '../lib/socket.ts';
import { useMetaStore } from '../stores/meta.ts';
import { useStandingsStore } from '../stores/standings.ts';
import type { StandingsPort } from '../stores/socket-port.ts';

export function useStandingsSource(extraRooms: string[] = []) {
  const metaStore = useMetaStore();
  const live = useStandingsStore();
  /** null: live; a number: as of that version. */
  const asOf: Ref<number | null> = ref(null);
  const past = shallowRef<Standings | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  watch(
    () => metaStore.meta.groups.map((g) => g.id).join(','),
    (ids) => {
      if (ids) live.setRooms([...ids.split(',').map((g) => `group:${g}`), ...extraRooms]);
    },
    { immediate: true },
  );
  watch(asOf, async (v) => {
    error.value = null;
    if (v === null) return void (past.value = null);
    loading.value = true;
    try {
      past.value = markRaw(await api<Standings>(`/api/standings?version=${v}`));
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      past.value = null;
    } finally {
      loading.value = false;
    }
  });

  // Not allowed to watch live (public visitor): show published standings when the admin allows it.
  const published = shallowRef<Standings | null>(null);
  watch(
    () => live.lastError,
    async (code) => {
      if ((code !== 'forbidden' && code !== 'unauthenticated') || published.value) return;
      try {
        published.value = markRaw(await api<Standings>('/api/standings'));
      } catch {
        /* not public either: the sign-in box shows */
      }
    },
  );

  onMounted(() => {
    void metaStore.load();
    live.attach(appSocket(getDisplayToken()) as unknown as StandingsPort);
  });
  onBeforeUnmount(() => live.detach());

  const standings = computed(() => {
    void live.version;
    return asOf.value === null ? (live.standings ?? published.value) : past.value;
  });
  const version = computed(() => (asOf.value === null ? (live.standings ? live.version : (published.value?.version ?? -1)) : (past.value?.version ?? -1)));
  return { meta: computed(() => metaStore.meta), standings, version, asOf, loading, error, live };
}
