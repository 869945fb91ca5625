/** Standings (live, as-of, published), explanations of a unit or cadre, and the event log. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import { parseBoardKey, type Standings } from '../../shared/standings.ts';
import { canReadCadres, canReadEvents, canReadLive, canReadUnit, type Principal } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import type { RaceService } from '../services/race-service.ts';
import type { TokenService } from '../services/token-service.ts';
import type { RouteDeps } from './deps.ts';
import { readEvents, readEventsByActors } from '../storage/events-repo.ts';
import { lastPublishedVersion, publishedStandings, servesPublished } from '../services/screen-source.ts';

const StandingsQuery = z.object({
  board: z.string().max(300).optional().describe('One board key, e.g. track|2026-03|econ|g1'),
  version: z.coerce.number().int().min(0).optional().describe('As-of version (replays the log up to it)'),
});
const ExplainQuery = z.object({ period: Id.optional(), track: Id.optional() });
const EventsQuery = z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(10_000).default(1000) });

export { publishedStandings } from '../services/screen-source.ts';

const jsonCache = new WeakMap<RaceService, Map<string, string>>();
/** JSON of the current standings (with or without cadre boards), computed once per version. */
function serialised(race: RaceService, cadres: boolean): string {
  let m = jsonCache.get(race);
  if (!m) jsonCache.set(race, (m = new Map()));
  const key = `${race.version}|${cadres}`;
  let text = m.get(key);
  if (text === undefined) {
    const s = race.standings();
    text = JSON.stringify(cadres ? s : { ...s, cadres: {} });
    for (const k of m.keys()) if (!k.startsWith(`${race.version}|`)) m.delete(k);
    m.set(key, text);
  }
  return text;
}

/** What this caller may see of the standings, or an error when nothing. */
async function visibleStandings(race: RaceService, tokens: TokenService, p: Principal, version?: number): Promise<Standings> {
  const settings = await tokens.getSettings();
  if (servesPublished(p, settings)) {
    // A wall display set to the published snapshot cannot look at other versions.
    if (version !== undefined) throw errors.forbidden();
    return publishedStandings(race, { cadres: true });
  }
  if (canReadLive(p)) {
    if (version !== undefined && version > race.version) throw errors.versionAhead();
    const s = version === undefined ? race.standings() : await race.standingsAt(version);
    return canReadCadres(p) ? s : { ...s, cadres: {} };
  }
  if (settings.publicRead && version === undefined) return publishedStandings(race);
  throw p.role === 'public' ? errors.unauthenticated() : errors.forbidden();
}

export function standingsRoutes({ race, tokens, storage }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/standings',
      summary: 'Standings: all boards, one board (?board=), or as of a version (?version=)',
      tag: 'standings',
      who: 'admin, leader, display, unit (live; cadre boards not for unit); others: published standings when public reading is enabled',
      allow: () => true,
      query: StandingsQuery,
      async handler({ query, principal, req, res }) {
        const published = servesPublished(principal, await tokens.getSettings());
        if (query.board === undefined && query.version === undefined && canReadLive(principal) && !published) {
          // The live standings of a version never change: tag them, and serialise them once.
          const tag = `W/"v${race.version}${canReadCadres(principal) ? '' : '-nc'}"`;
          res.setHeader('ETag', tag);
          res.setHeader('Cache-Control', 'no-cache');
          if (req.get('if-none-match') === tag) return void res.status(304).end();
          return void res.type('application/json').send(serialised(race, canReadCadres(principal)));
        }
        const s = await visibleStandings(race, tokens, principal, query.version);
        if (query.board === undefined) return s;
        const board = s.boards[query.board] ?? (query.board.startsWith('cadre|') ? s.cadres[query.board] : undefined);
        if (!board || (!parseBoardKey(query.board) && !query.board.startsWith('cadre|'))) throw errors.notFound();
        return { version: s.version, key: query.board, board };
      },
    }),
    route({
      method: 'get',
      path: '/api/explain/unit/:unit',
      summary: 'Why a unit scores what it does: ?period&track (track score), ?period (overall), ?track (season)',
      tag: 'standings',
      who: 'admin, leader; unit: its own unit only',
      allow: (p) => p.role === 'admin' || p.role === 'leader' || p.role === 'unit',
      params: z.object({ unit: Id }),
      query: ExplainQuery,
      handler({ params, query, principal }) {
        if (!canReadUnit(principal, params.unit)) throw errors.otherUnit();
        const engine = race.engine;
        if (!engine) throw errors.noScheme();
        const data =
          query.period && query.track
            ? engine.explainUnit(query.period, query.track, params.unit)
            : query.track
              ? engine.explainSeason(query.track, params.unit)
              : engine.explainOverall(query.period ?? null, params.unit);
        if (!data) throw errors.notFound();
        return { version: race.version, explanation: data };
      },
    }),
    route({
      method: 'get',
      path: '/api/explain/cadre/:cadre',
      summary: "A cadre's score in a period, as parts that add up to the total",
      tag: 'standings',
      who: 'admin, leader',
      allow: (p) => p.role === 'admin' || p.role === 'leader',
      params: z.object({ cadre: Id }),
      query: z.object({ period: Id }),
      handler({ params, query }) {
        const data = race.engine?.explainCadre(query.period, params.cadre);
        if (!data) throw errors.notFound();
        return { version: race.version, explanation: data };
      },
    }),
    route({
      method: 'get',
      path: '/api/events',
      summary: 'Events after ?since= (for replay), at most ?limit= (a display set to the published snapshot: up to the last publication)',
      tag: 'standings',
      who: 'admin, leader, display',
      allow: canReadEvents,
      query: EventsQuery,
      async handler({ query, principal }) {
        if (servesPublished(principal, await tokens.getSettings())) {
          const until = lastPublishedVersion(race);
          return { version: until, events: await readEvents(storage.db, query.since, query.limit, until) };
        }
        return { version: race.version, events: await race.readEvents(query.since, query.limit) };
      },
    }),
    route({
      method: 'get',
      path: '/api/submissions',
      summary: 'Your own submissions (by you and your API tokens), newest first; ?before=<seq> pages back',
      tag: 'standings',
      who: 'reporter, admin',
      allow: (p) => p.role === 'reporter' || p.role === 'admin',
      query: z.object({ before: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      async handler({ query, principal }) {
        const own = principal.userId ? (await tokens.list()).filter((t) => t.userId === principal.userId).map((t) => `token:${t.id}`) : [];
        const actors = [...new Set([principal.actor, ...(principal.userId ? [principal.userId] : []), ...own])];
        return { items: await readEventsByActors(storage.db, actors, query.before ?? Number.MAX_SAFE_INTEGER, query.limit) };
      },
    }),
    route({
      method: 'get',
      path: '/api/published',
      summary: 'Published periods with their versions',
      tag: 'standings',
      who: 'anyone',
      allow: () => true,
      handler: () => ({ published: race.engine?.published() ?? [] }),
    }),
  ];
}
