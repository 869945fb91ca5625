/** Who is signed in (GET /api/session/me) and the CSRF token for state-changing requests. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, setCsrfToken } from '../lib/api.ts';
import { reconnectSocket } from '../lib/socket.ts';

export interface SessionUser {
  id?: string | null;
  username?: string;
  displayName?: string;
  /** admin, leader, unit, reporter, display, or public (not signed in). */
  role: string;
  unit?: string | null;
  department?: string | null;
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const checked = ref(false);
  /** A person with an account (not the public, not a display token). */
  const signedIn = computed(() => user.value !== null && user.value.role !== 'public' && user.value.role !== 'display');

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

  /** Refreshes once; later calls reuse the answer. */
  async function ensure(): Promise<void> {
    if (!checked.value) await refresh();
  }

  async function login(username: string, password: string): Promise<void> {
    await refresh();
    await api('/api/session/login', { json: { username, password } });
    await refresh();
    // A socket opened before signing in has no session: its handshake must carry the new cookie.
    reconnectSocket();
  }

  async function logout(): Promise<void> {
    try {
      await api('/api/session/logout', { method: 'POST' });
    } finally {
      await refresh();
      reconnectSocket();
    }
  }

  return { user, checked, signedIn, refresh, ensure, login, logout };
});

/** Where a role starts after signing in. */
export function homeOf(user: SessionUser | null): string {
  switch (user?.role) {
    case 'admin':
      return '/admin/review';
    case 'reporter':
      return '/admin/data';
    case 'unit':
      return user.unit ? `/unit/${encodeURIComponent(user.unit)}` : '/board';
    default:
      return '/board';
  }
}
