/**
 * The scheme being edited: the saved scheme and its version (GET /api/scheme), a working copy the
 * forms change, live validation with the engine's own messages (debounced), and saving with the
 * version it was based on (PUT /api/scheme): a stale version is refused by the server (409
 * stale_version) and never retried or overwritten.
 */
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { Scheme } from '../../../../../shared/scheme.ts';
import { SchemeSchema } from '../../../../../shared/scheme.ts';
import type { Problem } from '../../../../../shared/engine/types.ts';
import { validateScheme } from '../../../../../shared/validate-scheme.ts';
import { api } from '../../../lib/api.ts';

/** Cadres can be many and are edited on the org page: not deeply reactive here. */
function prepare(s: Scheme): Scheme {
  const copy = structuredClone(s);
  copy.cadres = markRaw(copy.cadres);
  return copy;
}

/** A plain copy of the draft without `undefined` fields (what is sent and validated). */
export function plainScheme(s: Scheme): Scheme {
  return JSON.parse(JSON.stringify(s)) as Scheme;
}

export function useSchemeDraft() {
  const version = ref(0);
  const saved = shallowRef<Scheme | null>(null);
  const draft = ref<Scheme | null>(null);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const problems = shallowRef<Problem[]>([]);
  const warnings = shallowRef<Problem[]>([]);
  const dirty = ref(false);
  let savedJson = '';
  let timer: ReturnType<typeof setTimeout> | null = null;

  function check(): void {
    if (!draft.value) {
      problems.value = [];
      warnings.value = [];
      dirty.value = false;
      return;
    }
    const plain = plainScheme(draft.value as Scheme);
    const r = validateScheme(plain);
    problems.value = r.problems;
    warnings.value = r.warnings;
    dirty.value = JSON.stringify(plain) !== savedJson;
  }

  watch(
    draft,
    () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, 250);
    },
    { deep: true },
  );

  function setSaved(v: number, s: Scheme | null): void {
    version.value = v;
    saved.value = s ? markRaw(s) : null;
    savedJson = s ? JSON.stringify(s) : '';
    draft.value = s ? prepare(s) : null;
    check();
  }

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const r = await api<{ version: number; scheme: Scheme | null }>('/api/scheme');
      setSaved(r.version, r.scheme);
    } catch (e) {
      loadError.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /**
   * Replaces the working copy with a scheme from a file or the JSON view. Returns the problems
   * when it does not even have the scheme's shape (then the working copy is left alone).
   */
  function replace(input: unknown): Problem[] {
    const parsed = SchemeSchema.safeParse(input);
    if (!parsed.success) return validateScheme(input).problems;
    draft.value = prepare(parsed.data);
    return [];
  }

  /**
   * Sends the working copy with the version it is based on and the period it takes effect from
   * (a published one needs `rescoreReason`); throws the server's ApiError.
   */
  async function save(reason: string, effect: { effectiveFrom?: string; rescoreReason?: string } = {}): Promise<number> {
    if (!draft.value) throw new Error('no scheme');
    const r = await api<{ version: number; scheme: Scheme }>('/api/scheme', {
      method: 'PUT',
      json: { version: version.value, scheme: plainScheme(draft.value as Scheme), reason: reason.trim() || undefined, ...effect },
    });
    setSaved(r.version, r.scheme);
    return r.version;
  }

  /** Validates now (before saving, so no debounce is pending). */
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    check();
  }

  const valid = computed(() => draft.value !== null && problems.value.length === 0);

  return { version, saved, draft, loading, loadError, problems, warnings, dirty, valid, load, replace, save, flush };
}

export type SchemeDraft = ReturnType<typeof useSchemeDraft>;
