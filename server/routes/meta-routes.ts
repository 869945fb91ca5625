/** Public facts about the race (names, periods, tracks, groups, units) and admin settings. */
import { z } from 'zod';
import { isAdmin } from '../auth/roles.ts';
import { route, type RouteDef } from '../http/route.ts';
import type { LightRule, Track } from '../../shared/scheme.ts';
import type { RouteDeps } from './deps.ts';

const Settings = z.object({
  publicRead: z.boolean().describe('Anonymous callers may read the published standings'),
  screenSource: z.enum(['live', 'published']).describe('What wall displays and public readers see'),
});
const SettingsPatch = Settings.partial();

/** The rule a track is lit by (its own, else the race's), with a progress indicator's name. */
function lightOf(t: Track, fallback: LightRule): LightRule & { indicatorName?: string } {
  const rule = t.light ?? fallback;
  if (rule.mode !== 'progress') return rule;
  const ind = t.indicators.find((i) => i.code === rule.indicator);
  return ind ? { ...rule, indicatorName: ind.name } : rule;
}

export function metaRoutes({ race, tokens }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/meta',
      summary: 'Race name, season and periods, tracks, groups, unit names, current version',
      tag: 'meta',
      who: 'anyone',
      allow: () => true,
      async handler() {
        const s = race.scheme();
        const { publicRead, screenSource } = await tokens.getSettings();
        if (!s) return { version: race.version, schemeVersion: 0, scheme: null, publicRead, screenSource };
        return {
          version: race.version,
          schemeVersion: race.schemeVersion,
          publicRead,
          screenSource,
          name: s.name,
          season: s.season,
          tracks: s.tracks.map((t) => ({ id: t.id, name: t.name, weight: t.weight, light: lightOf(t, s.rules.light) })),
          groups: s.groups.map((g) => ({ id: g.id, name: g.name, units: g.units, tracks: g.tracks })),
          units: s.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
          cadreGroups: s.cadreGroups,
          grades: s.grades.map((g) => g.name),
          published: race.engine?.published() ?? [],
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and the current version',
      tag: 'meta',
      who: 'anyone',
      allow: () => true,
      handler: () => ({ ok: true, version: race.version }),
    }),
    route({
      method: 'get',
      path: '/api/settings',
      summary: 'Settings: public reading of published standings; what wall displays show (screenSource)',
      tag: 'admin',
      who: 'admin',
      allow: isAdmin,
      response: Settings,
      handler: () => tokens.getSettings(),
    }),
    route({
      method: 'put',
      path: '/api/settings',
      summary: 'Change settings (only the fields given)',
      tag: 'admin',
      who: 'admin',
      allow: isAdmin,
      body: SettingsPatch,
      response: Settings,
      handler: ({ body, principal }) => tokens.setSettings(body, principal.actor),
    }),
  ];
}
