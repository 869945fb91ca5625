/**
 * The unit workspace's data: checks who may look, loads `GET /api/units/:id/workspace?period=`,
 * and keeps it current — the unit's room `unit:<id>` says when our own numbers or appeals
 * changed, and standings patches of our group move our gaps. The last good data stays on screen
 * while a refetch runs or fails.
 */
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError, api, getDisplayToken } from '../../lib/api.ts';
import { appSocket, reconnectSocket } from '../../lib/socket.ts';
import { useSessionStore } from '../../stores/session.ts';
import { useStandingsStore } from '../../stores/standings.ts';
import type { StandingsPort } from '../../stores/socket-port.ts';
import { loginLocation, workspaceAccess } from './access.ts';
import { createRefreshTimer } from './refresh-timer.ts';
import { refId } from './standing-logic.ts';
import type { Workspace } from './types.ts';

export type WorkspaceState = 'checking' | 'refused' | 'loading' | 'ready' | 'missing' | 'error';

/** The workspace URL of a unit and period. */
export function workspaceUrl(unit: string, period: string | null): string {
  return `/api/units/${encodeURIComponent(unit)}/workspace${period ? `?period=${encodeURIComponent(period)}` : ''}`;
}

export function useWorkspace(unitId: Ref<string>, period: Ref<string | null>) {
  const session = useSessionStore();
  const live = useStandingsStore();
  const route = useRoute();
  const router = useRouter();
  const data = shallowRef<Workspace | null>(null);
  const state = ref<WorkspaceState>('checking');
  const error = ref('');
  const refreshing = ref(false);
  let generation = 0;
  let reconnected = false;

  async function fetchNow(): Promise<void> {
    const gen = ++generation;
    const id = unitId.value;
    refreshing.value = true;
    try {
      const ws = await api<Workspace>(workspaceUrl(id, period.value));
      if (gen !== generation) return;
      data.value = ws;
      state.value = 'ready';
      error.value = '';
    } catch (e) {
      if (gen !== generation) return;
      const code = e instanceof ApiError ? e.code : '';
      const status = e instanceof ApiError ? e.status : 0;
      error.value = e instanceof Error ? e.message : String(e);
      if (status === 401 || code === 'unauthenticated') {
        await session.refresh();
        await router.replace(loginLocation(route.fullPath));
      } else if (code === 'other_unit' || status === 403) {
        data.value = null;
        state.value = 'refused';
      } else if (status === 404) {
        data.value = null;
        state.value = 'missing';
      } else if (!data.value) state.value = 'error';
    } finally {
      if (gen === generation) refreshing.value = false;
    }
  }

  const timer = createRefreshTimer(fetchNow);

  /** Full (re)load after the unit or period changed, or by hand. */
  async function load(): Promise<void> {
    await session.ensure();
    const access = workspaceAccess(session.user, session.signedIn, unitId.value);
    if (access === 'login') return void (await router.replace(loginLocation(route.fullPath)));
    if (access === 'refused') {
      data.value = null;
      state.value = 'refused';
      return;
    }
    if (data.value?.unit.id !== unitId.value) {
      data.value = null;
      state.value = 'loading';
    }
    timer.loaded();
    await fetchNow();
  }

  const onUnitChanged = (p: { unit: string; version: number }): void => {
    if (p.unit === unitId.value && state.value === 'ready') timer.request(true);
  };

  // Rooms: the unit's own, and its group's boards (our gaps move when others score).
  const rooms = computed(() => {
    const ws = data.value;
    if (!ws || state.value !== 'ready') return [];
    const group = refId(ws.unit.group);
    return [`unit:${ws.unit.id}`, ...(group ? [`group:${group}`] : [])];
  });
  watch(rooms, (r) => {
    if (r.length) live.setRooms(r);
  });
  watch(
    () => live.version,
    (v) => {
      if (state.value === 'ready' && data.value && v > data.value.version) timer.request(false);
    },
  );
  // A socket opened before sign-in carries no session: reconnect once so the handshake has it.
  watch(
    () => live.lastError,
    (code) => {
      if ((code === 'unauthenticated' || code === 'forbidden') && session.signedIn && !reconnected) {
        reconnected = true;
        reconnectSocket();
      }
    },
  );
  watch([unitId, period], () => void load());

  let socket: ReturnType<typeof appSocket> | null = null;
  onMounted(() => {
    void load();
    socket = appSocket(getDisplayToken());
    socket.on('unit:changed', onUnitChanged);
    live.attach(socket as unknown as StandingsPort);
  });
  onBeforeUnmount(() => {
    timer.stop();
    generation++;
    socket?.off('unit:changed', onUnitChanged);
    live.detach();
  });

  const connection = computed(() => live.state);
  return { data, state, error, refreshing, connection, reload: () => fetchNow() };
}
