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
