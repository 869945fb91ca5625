/**
 * What a wall display sees (setting `screenSource`): the live standings, or the published
 * snapshot — the boards (and cadre boards) of published periods as of the last publication.
 * Public readers always see the published snapshot (when `publicRead` allows them at all).
 *
 * The REST routes use this directly. The Socket.IO server (server/live, owned elsewhere) needs the
 * same decision for display sockets: `servesPublished(principal, settings)` says whether a socket
 * must get `publishedStandings()` instead of live snapshots and patches.
 */
import type { Principal } from '../auth/roles.ts';
import type { Standings } from '../../shared/standings.ts';
import type { RaceService } from './race-service.ts';
import type { Settings } from './token-service.ts';

/** Does this caller get the published snapshot instead of live standings? */
export function servesPublished(p: Principal, settings: Settings): boolean {
  return p.role === 'display' && settings.screenSource === 'published';
}

/** The version of the last publication (0 when nothing is published). */
export function lastPublishedVersion(race: RaceService): number {
  const pubs = race.engine?.published() ?? [];
  return pubs.length ? pubs[pubs.length - 1]!.version : 0;
}

/** Published standings: as of the last publication, only the boards of published periods. */
export async function publishedStandings(race: RaceService, opts: { cadres: boolean } = { cadres: false }): Promise<Standings> {
  const pubs = race.engine?.published() ?? [];
  const last = pubs[pubs.length - 1];
  if (!last) return { version: 0, boards: {}, cadres: {} };
  const periods = new Set(pubs.map((p) => p.period));
  const s = await race.standingsAt(last.version);
  const boards = Object.fromEntries(Object.entries(s.boards).filter(([, b]) => b.ref.period !== null && periods.has(b.ref.period)));
  const cadres = opts.cadres ? Object.fromEntries(Object.entries(s.cadres).filter(([, b]) => periods.has(b.period))) : {};
  return { version: s.version, boards, cadres };
}

/**
 * A synchronous view of what wall displays should get, for the socket server (whose subscribe
 * handler is synchronous by design): the current settings and the published snapshot, refreshed
 * when a period is published or the setting changes. `onChange` fires after either, with the
 * snapshot to send (or null when displays are back on live standings). While displays show live
 * standings nothing is replayed.
 */
export function createScreenFeed(race: RaceService, tokens: { getSettings(): Promise<Settings>; onSettings(l: (next: Settings, before: Settings) => void): () => void }) {
  let settings: Settings = { publicRead: false, screenSource: 'live' };
  let snapshot: Standings = { version: 0, boards: {}, cadres: {} };
  const listeners = new Set<(snapshot: Standings | null) => void>();
  const emit = () => {
    for (const l of listeners) l(settings.screenSource === 'published' ? snapshot : null);
  };
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () =>
    (refreshing = refreshing.then(async () => {
      snapshot = await publishedStandings(race, { cadres: true });
    }));
  // The snapshot is a replay of the log: computed only while displays are on it.
  const published = () => settings.screenSource === 'published';
  const offVersion = race.onVersion((_d, events) => {
    if (published() && events.some((e) => e.type === 'period:published' || e.type === 'scheme:changed')) void refresh().then(() => published() && emit());
  });
  const offSettings = tokens.onSettings((next, before) => {
    settings = next;
    if (next.screenSource === before.screenSource) return;
    if (published()) void refresh().then(() => published() && emit());
    else emit();
  });
  return {
    /** Loads the settings (and the snapshot when displays are on it); call once on start. */
    async load(): Promise<void> {
      settings = await tokens.getSettings();
      if (published()) await refresh();
    },
    /** Does this socket get the published snapshot instead of live patches? */
    servesPublished: (p: Principal) => servesPublished(p, settings),
    /** The published snapshot as of the last publication (boards and cadre boards of published periods). */
    snapshot: () => snapshot,
    onChange(l: (snapshot: Standings | null) => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close(): void {
      offVersion();
      offSettings();
      listeners.clear();
    },
  };
}

export type ScreenFeed = ReturnType<typeof createScreenFeed>;
