/**
 * The what-if preview's state: the event log (read once, then only what is new, page by page
 * like the replay), the "before" standings cached per saved version and log length, and the last
 * result with the draft it was computed for.
 */
import { ref, shallowRef } from 'vue';
import type { LogEvent } from '../../../../../shared/events.ts';
import type { Scheme } from '../../../../../shared/scheme.ts';
import type { Standings } from '../../../../../shared/standings.ts';
import { api, ApiError } from '../../../lib/api.ts';
import { computeWhatIf, publishedPeriods, standingsUnder, type WhatIfResult } from './what-if.ts';

const PAGE = 5000;

export function useWhatIf() {
  const result = shallowRef<WhatIfResult | null>(null);
  /** JSON of the edited scheme and effective-from period the result belongs to (to tell when it is out of date). */
  const resultFor = ref('');
  const running = ref(false);
  const error = ref<string | null>(null);
  let events: LogEvent[] = [];
  let base: { key: string; standings: Standings } | null = null;

  async function refreshEvents(): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const since = events.at(-1)?.seq ?? 0;
      const page = await api<{ version: number; events: LogEvent[] }>(`/api/events?since=${since}&limit=${PAGE}`);
      events = events.concat(page.events);
      const last = page.events.at(-1);
      if (!last || page.events.length < PAGE || last.seq >= page.version) break;
    }
  }

  /** Periods published in the log as last loaded. */
  const published = ref<string[]>([]);

  /** Loads new events and compares `edited` with `saved` on them, the edit taking effect from `effectiveFrom` (null: every period). */
  async function run(saved: Scheme, savedVersion: number, edited: Scheme, effectiveFrom: string | null = null): Promise<WhatIfResult | null> {
    running.value = true;
    error.value = null;
    try {
      await refreshEvents();
      // let the spinner paint before the engine takes the main thread
      await new Promise((r) => setTimeout(r, 20));
      const key = `${savedVersion}:${events.length}`;
      if (base?.key !== key) base = { key, standings: standingsUnder(saved, events) };
      result.value = computeWhatIf(saved, edited, events, base.standings, effectiveFrom);
      published.value = result.value.published;
      resultFor.value = JSON.stringify([edited, effectiveFrom]);
      return result.value;
    } catch (e) {
      error.value = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      return null;
    } finally {
      running.value = false;
    }
  }

  function clear(): void {
    result.value = null;
    resultFor.value = '';
  }

    /** Loads the log (if not yet) and returns the periods published in it. */
  async function loadPublished(): Promise<string[]> {
    await refreshEvents();
    published.value = publishedPeriods(events);
    return published.value;
  }

  return { result, resultFor, running, error, published, run, clear, loadPublished };
}

export type WhatIfState = ReturnType<typeof useWhatIf>;
