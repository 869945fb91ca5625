/** Race metadata from `GET /api/meta`, retried with backoff until it arrives (the screen never errors). */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import { api } from '../lib/api.ts';
import { backoffDelay } from '../lib/backoff.ts';
import { EMPTY_META, normalizeMeta, type Meta } from '../lib/meta.ts';

export const useMetaStore = defineStore('meta', () => {
  const meta = shallowRef<Meta>(EMPTY_META);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let loading: Promise<void> | null = null;
  let attempt = 0;

  /** Loads once; keeps retrying in the background on failure. */
  function load(): Promise<void> {
    if (loading) return loading;
    loading = (async () => {
      for (;;) {
        try {
          meta.value = markRaw(normalizeMeta(await api<unknown>('/api/meta')));
          loaded.value = true;
          error.value = null;
          return;
        } catch (e) {
          error.value = e instanceof Error ? e.message : String(e);
          await new Promise((r) => setTimeout(r, backoffDelay(attempt++)));
        }
      }
    })();
    return loading;
  }

  /** Refetches (after a `scheme:changed`); keeps the old meta on failure. */
  async function refresh(): Promise<void> {
    try {
      const next = normalizeMeta(await api<unknown>('/api/meta'));
      // Same content: keep the old object so nothing downstream recomputes.
      if (JSON.stringify({ ...next, version: 0 }) !== JSON.stringify({ ...meta.value, version: 0 })) meta.value = markRaw(next);
    } catch {
      /* keep the last meta */
    }
  }

  /** Uses a given meta (replay, tests). */
  function set(m: Meta): void {
    meta.value = markRaw(m);
    loaded.value = true;
  }

  return { meta, loaded, error, load, refresh, set };
});
