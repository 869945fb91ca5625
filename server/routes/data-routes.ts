/** The data entry grid (units × indicators of a track) and the event history of any number. */
import { z } from 'zod';
import { Id, type Scheme } from '../../shared/scheme.ts';
import { effectiveRange } from '../../shared/value-range.ts';
import type { LogEvent } from '../../shared/events.ts';
import { isAdmin, ownsIndicator, type Principal } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import { eventsReferring, eventsWhere, periodValues } from '../storage/event-queries.ts';
import type { RouteDeps } from './deps.ts';

/** The indicator codes a group is scored on in a track (差异化考核 overrides). */
export function groupIndicators(scheme: Scheme, groupId: string, trackId: string): string[] {
  const track = scheme.tracks.find((t) => t.id === trackId);
  const group = scheme.groups.find((g) => g.id === groupId);
  if (!track || !group || !group.tracks.includes(trackId)) return [];
  const only = group.overrides?.[trackId]?.indicators;
  return track.indicators.map((i) => i.code).filter((c) => !only || only.includes(c));
}

const VALUE_TYPES = ['value:recorded', 'value:corrected'];
const UNIT_TYPES = ['value:recorded', 'value:corrected', 'adjustment:recorded', 'veto:recorded'];

export function dataRoutes({ race, storage }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/grid',
      summary: 'Data entry grid of a track and period: units × indicators with the current values (reporters see the indicators they own)',
      tag: 'data',
      who: 'admin; reporter (its indicators)',
      allow: (p) => p.role === 'admin' || p.role === 'reporter',
      query: z.object({ period: Id, track: Id, group: Id.optional() }),
      async handler({ query, principal }) {
        const scheme = race.scheme();
        if (!scheme) throw errors.noScheme();
        const track = scheme.tracks.find((t) => t.id === query.track);
        if (!track || !scheme.season.periods.some((p) => p.id === query.period)) throw errors.notFound();
        const groups = scheme.groups.filter((g) => g.tracks.includes(track.id) && (query.group === undefined || g.id === query.group));
        if (query.group !== undefined && !groups.length) throw errors.notFound();
        const mine = (owner: string | undefined) => isAdmin(principal) || ownsIndicator(principal, owner);
        const used = new Set(groups.flatMap((g) => groupIndicators(scheme, g.id, track.id)));
        const indicators = track.indicators
          .filter((i) => used.has(i.code) && mine(i.owner))
          .map((i) => ({ id: i.code, name: i.name, unit: i.measure, method: i.method.kind, owner: i.owner ?? null, fullMarks: i.fullMarks, editable: true, range: effectiveRange(i), ...(i.method.kind === 'grade' ? { grades: Object.keys(i.method.points) } : {}) }));
        const shown = new Set(indicators.map((i) => i.id));
        const names = new Map(scheme.units.map((u) => [u.id, u.name]));
        const units = groups.flatMap((g) => {
          const applies = groupIndicators(scheme, g.id, track.id).filter((c) => shown.has(c));
          return g.units.map((u) => ({ id: u, name: names.get(u) ?? u, group: g.id, indicators: applies }));
        });
        const values = await periodValues(storage.db, query.period, { indicators: [...shown], units: query.group === undefined ? undefined : units.map((u) => u.id) });
        const cells: Record<string, Record<string, { value: number | string | null; seq: number; at: string; actor: string }>> = {};
        for (const u of units) {
          for (const code of u.indicators) {
            const c = values.get(`${u.id}|${code}`);
            if (c) (cells[u.id] ??= {})[code] = c;
          }
        }
        return { version: race.version, period: query.period, track: track.id, indicators, units, cells };
      },
    }),
    route({
      method: 'get',
      path: '/api/history',
      summary: 'Events that touched a number (?period&unit&indicator), or every event of a unit (?unit, optional ?period), oldest first',
      tag: 'data',
      who: 'admin, leader',
      allow: (p: Principal) => p.role === 'admin' || p.role === 'leader',
      query: z.object({ unit: Id, period: Id.optional(), indicator: Id.optional() }),
      async handler({ query }) {
        const inPeriod = (e: LogEvent) => query.period === undefined || (e.data as { period?: string }).period === query.period;
        let out: LogEvent[];
        if (query.indicator !== undefined) {
          out = (await eventsWhere(storage.db, VALUE_TYPES, 'unit', query.unit)).filter((e) => inPeriod(e) && (e.data as { indicator: string }).indicator === query.indicator);
        } else {
          const own = (await eventsWhere(storage.db, UNIT_TYPES, 'unit', query.unit)).filter(inPeriod);
          const ids = own.flatMap((e) => (e.type === 'adjustment:recorded' || e.type === 'veto:recorded' ? [e.data.id] : []));
          const later = await eventsReferring(storage.db, ['adjustment:revoked', 'veto:revoked', 'waiver:decided'], ids);
          out = [...own, ...later].sort((a, b) => a.seq - b.seq);
        }
        return out.map((e) => ({ seq: e.seq, type: e.type, at: e.at, actor: e.actor, data: e.data }));
      },
    }),
  ];
}
