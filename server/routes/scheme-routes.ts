/**
 * The race scheme: read, replace (optimistic concurrency on the scheme version), JSON
 * import/export, and unit/cadre CRUD as small scheme edits. Every edit is a scheme:changed event.
 */
import { z } from 'zod';
import { CadreSchema, Id, SchemeSchema, UnitSchema, type Scheme } from '../../shared/scheme.ts';
import { canReadCadres, canReadScheme, isAdmin } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import type { RaceService } from '../services/race-service.ts';
import { schemeChange, type SchemeEffectChoice } from '../services/scheme-effect.ts';
import type { RouteDeps } from './deps.ts';

const Version = z.coerce.number().int().min(0).describe('The scheme version the edit is based on (409 when stale)');
const SchemeReply = z.object({ version: z.number(), scheme: SchemeSchema.nullable() });
const EditReply = SchemeReply.extend({ effectiveFrom: z.string().nullable(), rescored: z.array(z.string()) });
const IdParam = z.object({ id: Id });
const VersionQuery = z.object({ version: Version });

/**
 * Applies `edit` to the current scheme when `version` is current, as one scheme:changed event
 * taking effect from the chosen period (default: the first unpublished one; scheme-effect.ts).
 */
export async function editScheme(race: RaceService, actor: string, version: number, edit: (s: Scheme | null) => unknown, reason?: string, choice?: SchemeEffectChoice) {
  if (version !== race.schemeVersion) throw errors.staleVersion({ current: race.schemeVersion });
  const scheme = SchemeSchema.parse(edit(structuredClone(race.scheme())));
  const data = schemeChange(scheme, (race.engine?.published() ?? []).map((p) => p.period), choice);
  const why = data.rescore ? [reason, `重新计分：${data.rescore.reason}`].filter(Boolean).join('；') : reason;
  const r = await race.submit(actor, [{ body: { type: 'scheme:changed', data } }], why);
  return { version: r.items[0]!.seq, scheme: race.scheme(), effectiveFrom: data.effectiveFrom ?? null, rescored: data.rescore?.periods ?? [] };
}

/** The effective-from choice any scheme edit may carry. */
const Choice = {
  effectiveFrom: Id.optional().describe('First period the change scores (default: the first unpublished period); earlier periods keep their scheme'),
  rescoreReason: z.string().trim().max(2000).optional().describe('Required when `effectiveFrom` re-scores a published period'),
};

function requireScheme(s: Scheme | null): Scheme {
  if (!s) throw errors.noScheme();
  return s;
}

export function schemeRoutes({ race }: RouteDeps): RouteDef[] {
  const crud = <T extends { id: string }>(
    name: 'units' | 'cadres',
    Schema: z.ZodType<T>,
    list: (s: Scheme) => T[],
    set: (s: Scheme, items: T[]) => void,
  ): RouteDef[] => [
    route({
      method: 'get',
      path: `/api/${name}`,
      summary: `List ${name}`,
      tag: 'scheme',
      // whoever may watch the cadre boards may read the cadres' names on them
      who: name === 'cadres' ? 'admin, leader, display' : 'admin, leader',
      allow: name === 'cadres' ? canReadCadres : canReadScheme,
      handler: () => ({ version: race.schemeVersion, items: race.scheme() ? list(race.scheme()!) : [] }),
    }),
    route({
      method: 'post',
      path: `/api/${name}`,
      summary: `Add one of the ${name} (a scheme edit)`,
      tag: 'scheme',
      who: 'admin',
      allow: isAdmin,
      body: z.object({ version: Version, item: Schema, groups: z.array(Id).max(100).optional(), ...Choice }),
      status: 201,
      handler: ({ body, principal }) =>
        editScheme(race, principal.actor, body.version, (s) => {
          const scheme = requireScheme(s);
          if (list(scheme).some((x) => x.id === body.item.id)) throw errors.badRequest(`编码 ${body.item.id} 已存在。`, `${body.item.id} already exists.`);
          set(scheme, [...list(scheme), body.item]);
          for (const g of scheme.groups) if (body.groups?.includes(g.id)) g.units.push(body.item.id);
          return scheme;
        }, undefined, body),
    }),
    route({
      method: 'put',
      path: `/api/${name}/:id`,
      summary: `Replace one of the ${name} (a scheme edit)`,
      tag: 'scheme',
      who: 'admin',
      allow: isAdmin,
      params: IdParam,
      body: z.object({ version: Version, item: Schema, ...Choice }),
      handler: ({ params, body, principal }) =>
        editScheme(race, principal.actor, body.version, (s) => {
          const scheme = requireScheme(s);
          if (body.item.id !== params.id || !list(scheme).some((x) => x.id === params.id)) throw errors.notFound();
          set(scheme, list(scheme).map((x) => (x.id === params.id ? body.item : x)));
          return scheme;
        }, undefined, body),
    }),
    route({
      method: 'delete',
      path: `/api/${name}/:id`,
      summary: `Remove one of the ${name} (a scheme edit)`,
      tag: 'scheme',
      who: 'admin',
      allow: isAdmin,
      params: IdParam,
      query: VersionQuery.extend(Choice),
      handler: ({ params, query, principal }) =>
        editScheme(race, principal.actor, query.version, (s) => {
          const scheme = requireScheme(s);
          if (!list(scheme).some((x) => x.id === params.id)) throw errors.notFound();
          set(scheme, list(scheme).filter((x) => x.id !== params.id));
          if (name === 'units') for (const g of scheme.groups) g.units = g.units.filter((u) => u !== params.id);
          return scheme;
        }, undefined, query),
    }),
  ];

  return [
    route({
      method: 'get',
      path: '/api/scheme',
      summary: 'The current race scheme and its version',
      tag: 'scheme',
      who: 'admin, leader',
      allow: canReadScheme,
      response: SchemeReply,
      handler: () => ({ version: race.schemeVersion, scheme: race.scheme() }),
    }),
    route({
      method: 'put',
      path: '/api/scheme',
      summary: 'Replace the scheme; `version` must be the current scheme version (0 before the first)',
      tag: 'scheme',
      who: 'admin',
      allow: isAdmin,
      body: z.object({ version: Version, scheme: SchemeSchema, reason: z.string().max(2000).optional(), ...Choice }),
      limit: '64mb',
      response: EditReply,
      handler: ({ body, principal }) => editScheme(race, principal.actor, body.version, () => body.scheme, body.reason, body),
    }),
    route({
      method: 'get',
      path: '/api/scheme/export',
      summary: 'Download the scheme as a JSON file (version in the X-Scheme-Version header)',
      tag: 'scheme',
      who: 'admin, leader',
      allow: canReadScheme,
      handler: ({ res }) => {
        const scheme = requireScheme(race.scheme());
        res.setHeader('X-Scheme-Version', String(race.schemeVersion));
        res.setHeader('Content-Disposition', 'attachment; filename="saima-scheme.json"');
        res.type('application/json').send(JSON.stringify(scheme, null, 2));
      },
    }),
    route({
      method: 'post',
      path: '/api/scheme/import',
      summary: 'Import a scheme JSON file as exported; `?version=` is the scheme version it replaces',
      tag: 'scheme',
      who: 'admin',
      allow: isAdmin,
      body: SchemeSchema,
      query: VersionQuery.extend(Choice),
      limit: '64mb',
      status: 201,
      response: EditReply,
      handler: ({ body, query, principal }) => editScheme(race, principal.actor, query.version, () => body, 'import', query),
    }),
    ...crud('units', UnitSchema, (s) => s.units, (s, items) => void (s.units = items)),
    ...crud('cadres', CadreSchema, (s) => s.cadres, (s, items) => void (s.cadres = items)),
  ];
}
