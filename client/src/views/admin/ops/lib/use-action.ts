/**
 * The console's two async shapes, each with its state:
 * - `useAction`: one form action at a time, `busy` while it runs, and its failure as a message to
 *   show (`error`, cleared when the next run starts);
 * - `useLoad`: a fetch behind a loading veil, its failure shown until a later load succeeds (the
 *   old message stays up while reloading).
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

export function useLoad() {
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Runs `fetch` (without the veil when `quiet`); false when it failed. */
  async function load(fetch: () => Promise<void>, quiet = false): Promise<boolean> {
    if (!quiet) loading.value = true;
    try {
      await fetch();
      error.value = null;
      return true;
    } catch (e) {
      error.value = errorText(e);
      return false;
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, load };
}
