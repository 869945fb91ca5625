/** Who is signed in (GET /api/session/me) and the CSRF token for state-changing requests. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, setCsrfToken } from '../lib/api.ts';

export interface SessionUser {
  id?: string;
  username?: string;
  role: string;
  unit?: string | null;
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const checked = ref(false);

  async function refresh(): Promise<void> {
    try {
      const me = await api<{ user?: SessionUser | null; csrfToken?: string; role?: string }>('/api/session/me');
      user.value = me.user ?? (me.role ? { role: me.role } : null);
      setCsrfToken(me.csrfToken ?? null);
    } catch {
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    await refresh();
    await api('/api/session/login', { json: { username, password } });
    await refresh();
  }

  return { user, checked, refresh, login };
});
