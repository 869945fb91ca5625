/**
 * One form action at a time: `busy` while it runs, and its failure as a message to show
 * (`error`, cleared when the next run starts).
 */
import { ref } from 'vue';
import { errorText } from './http.ts';

export function useAction() {
  const busy = ref(false);
  const error = ref<string | null>(null);
  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = errorText(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
