/**
 * Live standings: one copy per page, kept exactly in step with the server. Diffs are applied
 * strictly in order; a gap, a reconnect or a new room resubscribes with the last version, and
 * the last standings stay on screen meanwhile. The version never goes back.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, triggerRef } from 'vue';
import type { Reply, SubscribeResult } from '../../../shared/protocol.ts';
import { applyDiff, type Standings, type StandingsDiff } from '../../../shared/standings.ts';
import { backoffDelay } from '../lib/backoff.ts';
import { rowChanges, rowsBefore, type RowChange } from './row-changes.ts';
import type { StandingsPort } from './socket-port.ts';

export type ConnectionState = 'connecting' | 'live' | 'syncing' | 'reconnecting';
type ChangeListener = (changes: RowChange[], diff: StandingsDiff) => void;

/** Patches kept while a subscribe is in flight; past this we resync instead. */
const MAX_QUEUE = 500;
const ACK_TIMEOUT_MS = 10_000;

export const useStandingsStore = defineStore('standings', () => {
  const standings = shallowRef<Standings | null>(null);
  /** Version of `standings` (-1 before the first sync); every view depends on it. */
  const version = ref(-1);
  const state = ref<ConnectionState>('connecting');
  /** Browser time (ms) of the last version change. */
  const updatedAt = ref<number | null>(null);
  const rooms = ref<string[]>([]);
  /** Code of the last refused subscribe (e.g. `unauthenticated`), null once subscribed. */
  const lastError = ref<string | null>(null);

  let port: StandingsPort | null = null;
  let inFlight = false;
  let again = false;
  let fresh = false;
  let queue: StandingsDiff[] = [];
  let generation = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<ChangeListener>();
  let now: () => number = () => Date.now();

  function bump(): void {
    version.value = standings.value?.version ?? -1;
    updatedAt.value = now();
    triggerRef(standings);
  }

  function applyOne(d: StandingsDiff): 'applied' | 'old' | 'gap' {
    const s = standings.value;
    if (!s) return 'gap';
    if (d.to <= s.version) return 'old';
    // A patch may start before our version (the server skips a room's empty patches), never after.
    if (d.from > s.version) return 'gap';
    const before = listeners.size ? rowsBefore(s, d) : null;
    try {
      applyDiff(s, d);
    } catch (e) {
      // A patch that does not fit these standings (a dense patch for other rows) may have changed
      // some rows already: only a snapshot is safe now.
      console.error('[standings] patch does not apply; reloading', e);
      fresh = true;
      return 'gap';
    }
    const changes = before ? rowChanges(before, s) : [];
    for (const fn of listeners) {
      try {
        fn(changes, d);
      } catch (e) {
        // A view's listener must never stop the standings from advancing.
        console.error('[standings] change listener failed', e);
      }
    }
    return 'applied';
  }

  /** Applies diffs in order; true when a gap sent us to resync. `changed`: already changed before. */
  function applyQueued(list: StandingsDiff[], changedBefore = false): boolean {
    let changed = changedBefore;
    for (const d of list) {
      const r = applyOne(d);
      if (r === 'gap') {
        bumpIf(changed);
        resync();
        return true;
      }
      if (r === 'applied') changed = true;
    }
    bumpIf(changed);
    return false;
  }
  function bumpIf(changed: boolean): void {
    if (changed) bump();
  }

  function onPatch(d: StandingsDiff): void {
    if (inFlight || !standings.value) {
      if (queue.length >= MAX_QUEUE) {
        queue = [];
        fresh = true;
      }
      queue.push(d);
      return;
    }
    const r = applyOne(d);
    if (r === 'applied') bump();
    else if (r === 'gap') resync();
  }

  function onReply(reply: Reply<SubscribeResult>): void {
    if (!reply.ok) {
      lastError.value = reply.error.code;
      return scheduleRetry();
    }
    lastError.value = null;
    failures = 0;
    fresh = false;
    const { snapshot, diffs } = reply.data;
    let changed = false;
    if (snapshot && (!standings.value || snapshot.version >= standings.value.version)) {
      standings.value = markRaw(snapshot);
      changed = true;
    }
    const pending = queue;
    queue = [];
    if (applyQueued([...(diffs ?? []), ...pending], changed)) return;
    if (!standings.value || standings.value.version < reply.data.version) {
      // The server is ahead of what it sent: ask again from where we are.
      fresh = !standings.value;
      return scheduleRetry();
    }
    state.value = 'live';
  }

  function subscribe(): void {
    if (!port?.connected || rooms.value.length === 0) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    again = false;
    const gen = ++generation;
    if (state.value === 'live') state.value = 'syncing';
    const since = fresh || !standings.value ? null : standings.value.version;
    port.timeout(ACK_TIMEOUT_MS).emit('standings:subscribe', { rooms: [...rooms.value], since }, (err, reply) => {
      if (gen !== generation) return;
      inFlight = false;
      if (err) scheduleRetry();
      else onReply(reply);
      if (again) subscribe();
    });
  }

  function resync(): void {
    subscribe();
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      subscribe();
    }, backoffDelay(failures++));
  }

  const onConnect = (): void => {
    generation++;
    inFlight = false;
    state.value = standings.value ? 'syncing' : 'connecting';
    subscribe();
  };
  const onDisconnect = (): void => {
    generation++;
    inFlight = false;
    state.value = 'reconnecting';
  };

  /** Starts listening on a socket (the app's, or a fake in tests). */
  function attach(p: StandingsPort, clock?: () => number): void {
    detach();
    if (clock) now = clock;
    port = p;
    p.on('connect', onConnect);
    p.on('disconnect', onDisconnect);
    p.on('standings:patch', onPatch);
    if (p.connected) onConnect();
  }
  function detach(): void {
    if (!port) return;
    port.off('connect', onConnect);
    port.off('disconnect', onDisconnect);
    port.off('standings:patch', onPatch);
    port = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  /** Watches these rooms (e.g. `group:towns-a`, `cadres`). New rooms need a full snapshot. */
  function setRooms(next: string[]): void {
    const want = [...new Set(next)].sort();
    if (want.join() === rooms.value.join()) return;
    if (want.some((r) => !rooms.value.includes(r))) fresh = true;
    rooms.value = want;
    subscribe();
  }

  /** Calls `fn` with the rank moves and score arrivals of every diff applied. */
  function onChange(fn: ChangeListener): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  const ready = computed(() => version.value >= 0);

  return { standings, version, state, updatedAt, rooms, lastError, ready, attach, detach, setRooms, onChange };
});
