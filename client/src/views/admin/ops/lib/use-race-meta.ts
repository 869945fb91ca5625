/** The race metadata for the console pages, with the default period (the current one) and track. */
import { onMounted, ref, watch } from 'vue';
import { useMetaStore } from '../../../../stores/meta.ts';

export function useRaceMeta() {
  const store = useMetaStore();
  const period = ref('');
  const track = ref('');
  onMounted(() => void store.load());
  watch(
    () => store.meta,
    (m) => {
      if (!period.value) period.value = m.season.currentPeriod ?? m.periods.at(-1)?.id ?? '';
      if (!track.value) track.value = m.tracks[0]?.id ?? '';
    },
    { immediate: true },
  );
  return { store, period, track };
}
