/**
 * State of the entry grid: the server's grid for (period, track, group), the user's drafts (kept
 * per period and track, so switching back finds them), and saving them as one batch.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { errorText, getJson, OpsError, pageLang, send } from './http.ts';
import { batchProblems, dirtyDrafts, editDraft, invalidDrafts, isCorrection, problemsByCell, toBatchItems, withoutSaved, type Drafts, type Grid } from './grid.ts';

export interface SaveOutcome {
  accepted: number;
  duplicates: number;
}

export function useEntryGrid(period: Ref<string>, track: Ref<string>, group: Ref<string>) {
  const grid = shallowRef<Grid | null>(null);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const saving = ref(false);
  const store = ref<Record<string, Drafts>>({});
  /** Server messages per cell of the last refused batch, and those naming no cell. */
  const cellErrors = ref<Record<string, string>>({});
  const general = ref<string[]>([]);
  const slot = computed(() => `${period.value}|${track.value}`);
  const drafts = computed<Drafts>(() => store.value[slot.value] ?? {});

  /** `quiet`: a background refresh (live values) without the loading veil. */
  async function load(quiet = false): Promise<void> {
    if (!period.value || !track.value) return;
    if (!quiet) loading.value = true;
    const q = new URLSearchParams({ period: period.value, track: track.value });
    if (group.value) q.set('group', group.value);
    try {
      const g = await getJson<Grid>(`/api/grid?${q.toString()}`);
      // Answers for an earlier selection are dropped.
      if (g.period === period.value && g.track === track.value) grid.value = g;
      loadError.value = null;
    } catch (e) {
      loadError.value = errorText(e);
      grid.value = null;
    } finally {
      loading.value = false;
    }
  }
  watch([period, track, group], () => {
    cellErrors.value = {};
    general.value = [];
    void load();
  }, { immediate: true });

  function edit(unit: string, indicator: string, input: string): void {
    if (!grid.value) return;
    store.value = { ...store.value, [slot.value]: editDraft(grid.value, drafts.value, unit, indicator, input) };
    const id = `${unit}/${indicator}`;
    if (cellErrors.value[id]) {
      const next = { ...cellErrors.value };
      delete next[id];
      cellErrors.value = next;
    }
  }
  function discard(): void {
    store.value = { ...store.value, [slot.value]: {} };
    cellErrors.value = {};
    general.value = [];
  }

  const dirty = computed(() => (grid.value ? dirtyDrafts(grid.value, drafts.value) : []));
  const invalid = computed(() => (grid.value ? invalidDrafts(grid.value, drafts.value) : []));
  const corrections = computed(() => (grid.value ? dirty.value.filter((d) => d.value !== undefined && isCorrection(grid.value!, d)) : []));

  /** Sends the valid dirty cells; corrections carry `reason`. Refusals land on their cells. */
  async function save(reason: string): Promise<SaveOutcome | null> {
    const g = grid.value;
    if (!g) return null;
    const items = toBatchItems(g, drafts.value, reason);
    if (!items.length) return null;
    saving.value = true;
    try {
      const r = await send<{ accepted: number; duplicates: number }>('/api/values/batch', { json: { items } });
      store.value = { ...store.value, [slot.value]: withoutSaved(store.value[slot.value] ?? {}, items) };
      cellErrors.value = {};
      general.value = [];
      await load();
      return { accepted: r.accepted, duplicates: r.duplicates };
    } catch (e) {
      const problems = e instanceof OpsError ? batchProblems(e.body) : [];
      const mapped = problemsByCell(items, problems, pageLang());
      cellErrors.value = mapped.cells;
      general.value = [errorText(e), ...mapped.general.filter((m) => m !== errorText(e))];
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { grid, loading, loadError, saving, drafts, cellErrors, general, dirty, invalid, corrections, load, edit, discard, save };
}
