/** Indicator names by code from the scheme (admins and leaders may read it), loaded once. */
import { ref } from 'vue';
import { getJson } from './http.ts';

const names = ref<Record<string, { name: string; track: string; unit: string }>>({});
let loading: Promise<void> | null = null;

export function useIndicatorNames() {
  loading ??= getJson<{ scheme: { tracks: Array<{ id: string; indicators: Array<{ code: string; name: string; measure?: string }> }> } | null }>('/api/scheme')
    .then((r) => {
      const out: typeof names.value = {};
      for (const tr of r.scheme?.tracks ?? []) for (const i of tr.indicators) out[i.code] = { name: i.name, track: tr.id, unit: i.measure ?? '' };
      names.value = out;
    })
    .catch(() => {
      loading = null;
    });
  return names;
}
