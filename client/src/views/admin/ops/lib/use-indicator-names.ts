/** Indicator and cadre names by code from the scheme (admins and leaders may read it), loaded once. */
import { ref } from 'vue';
import { getJson } from './http.ts';

type SchemeNames = {
  scheme: { tracks: Array<{ id: string; indicators: Array<{ code: string; name: string; measure?: string }> }>; cadres?: Array<{ id: string; name: string }> } | null;
};

const names = ref<Record<string, { name: string; track: string; unit: string }>>({});
const cadres = ref<Record<string, string>>({});
let loading: Promise<void> | null = null;

function load(): void {
  loading ??= getJson<SchemeNames>('/api/scheme')
    .then((r) => {
      const out: typeof names.value = {};
      for (const tr of r.scheme?.tracks ?? []) for (const i of tr.indicators) out[i.code] = { name: i.name, track: tr.id, unit: i.measure ?? '' };
      names.value = out;
      cadres.value = Object.fromEntries((r.scheme?.cadres ?? []).map((c) => [c.id, c.name]));
    })
    .catch(() => {
      loading = null;
    });
}

export function useIndicatorNames() {
  load();
  return names;
}

/** Cadre names by id (from the same scheme read). */
export function useCadreNames() {
  load();
  return cadres;
}
