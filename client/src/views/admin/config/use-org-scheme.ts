/**
 * The scheme as the org page needs it: units, cadres, groups, tracks and cadre groups, with the
 * version every unit/cadre edit must name (the server refuses a stale one with 409). Edits reply
 * with the new version and scheme, which replace these at once.
 */
import { computed, shallowRef, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';
import type { Scheme } from '../../../../../shared/scheme.ts';
import { ApiError, api } from '../../../lib/api.ts';

export function useOrgScheme() {
  const { t } = useI18n();
  const version = ref(0);
  const scheme = shallowRef<Scheme | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const r = await api<{ version: number; scheme: Scheme | null }>('/api/scheme');
      version.value = r.version;
      scheme.value = r.scheme;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /**
   * Sends a scheme edit; on success takes the reply's scheme and says so with the new version, on
   * a stale version reloads.
   */
  async function edit(path: string, method: 'POST' | 'PUT' | 'DELETE', body?: Record<string, unknown>): Promise<boolean> {
    try {
      const url = method === 'DELETE' ? `${path}?version=${version.value}` : path;
      const r = await api<{ version: number; scheme: Scheme }>(url, { method, json: body ? { version: version.value, ...body } : undefined });
      version.value = r.version;
      scheme.value = r.scheme;
      ElMessage.success(t('adminCfg.org.saved', { v: r.version }));
      return true;
    } catch (e) {
      showError(e);
      if (e instanceof ApiError && e.code === 'stale_version') await load();
      return false;
    }
  }

  const unitName = computed(() => new Map((scheme.value?.units ?? []).map((u) => [u.id, u.name])));
  /** A unit's group: the first group listing it. */
  const groupOf = computed(() => {
    const m = new Map<string, string>();
    for (const g of scheme.value?.groups ?? []) for (const u of g.units) if (!m.has(u)) m.set(u, g.name);
    return m;
  });

  return { version, scheme, loading, error, load, edit, unitName, groupOf };
}

export type OrgScheme = ReturnType<typeof useOrgScheme>;

/** Shows a server error (`{code, message}`, already in the page's language) or any error. */
export function showError(e: unknown): void {
  ElMessage.error({ message: e instanceof Error ? e.message : String(e), duration: 6000, showClose: true });
}

/** A random password people can read aloud: no 0/O, 1/l/I. */
export function randomPassword(n = 12): string {
  const abc = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => abc[b % abc.length]).join('');
}
