/** Rotation timer with pause (space) and manual stepping (← →). */
import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { nextSlide, type Slide } from './rotation.ts';

/** `keys: false` leaves the keyboard to the caller (the replay uses space for play/pause). */
export function useRotation(list: Ref<Slide[]>, intervalSec: number, keys = true) {
  const index = ref(0);
  const paused = ref(false);
  let timer: ReturnType<typeof setInterval> | null = null;

  const step = (n = 1): void => {
    index.value = nextSlide(index.value, list.value.length, n);
  };
  const restart = (): void => {
    if (timer) clearInterval(timer);
    timer = setInterval(() => {
      if (!paused.value) step();
    }, intervalSec * 1000);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.code === 'Space' || e.key === ' ') {
      e.preventDefault();
      paused.value = !paused.value;
    } else if (e.key === 'ArrowRight') {
      step(1);
      restart();
    } else if (e.key === 'ArrowLeft') {
      step(-1);
      restart();
    }
  };
  watch(
    () => list.value.length,
    (n) => {
      if (index.value >= n) index.value = 0;
    },
  );
  onMounted(() => {
    restart();
    if (keys) window.addEventListener('keydown', onKey);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
    window.removeEventListener('keydown', onKey);
  });
  const current = computed<Slide | null>(() => list.value[index.value] ?? null);
  return { index, paused, current, step };
}
