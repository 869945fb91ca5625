/** The unit workspace, feedback of the organization department, evidence files. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import { appealForUnitUser } from '../../shared/appeals.ts';
import { canReadUnit, isAdmin, type Principal } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import { EVIDENCE_TYPES } from '../services/evidence-service.ts';
import type { RouteDeps } from './deps.ts';

const UnitParam = z.object({ id: Id });
const readers = (p: Principal) => p.role === 'admin' || p.role === 'leader' || p.role === 'unit';

export function workspaceRoutes({ race, workspace, feedback, evidence }: RouteDeps): RouteDef[] {
  const knownUnit = (id: string) => {
    const s = race.scheme();
    if (!s) throw errors.noScheme();
    if (!s.units.some((u) => u.id === id)) throw errors.notFound();
  };
  return [
    route({
      method: 'get',
      path: '/api/units/:id/workspace',
      summary: "A unit's workspace: ranks and gaps per track and overall, points lost per indicator (短板), trend, adjustments, vetoes, feedback, appeals",
      tag: 'workspace',
      who: 'admin, leader; unit: its own',
      allow: readers,
      params: UnitParam,
      query: z.object({ period: Id.optional().describe('Default: the season’s current period') }),
      async handler({ params, query, principal }) {
        if (!canReadUnit(principal, params.id)) throw errors.otherUnit();
        const ws = await workspace.workspace(params.id, query.period);
        return principal.role === 'unit' ? { ...ws, appeals: ws.appeals.map((a) => appealForUnitUser(a, principal.userId)) } : ws;
      },
    }),
    route({
      method: 'get',
      path: '/api/units/:id/feedback',
      summary: 'Feedback of the organization department to a unit, newest first',
      tag: 'workspace',
      who: 'admin, leader; unit: its own',
      allow: readers,
      params: UnitParam,
      async handler({ params, principal }) {
        if (!canReadUnit(principal, params.id)) throw errors.otherUnit();
        return { items: await feedback.list(params.id) };
      },
    }),
    route({
      method: 'post',
      path: '/api/units/:id/feedback',
      summary: 'Write feedback (组织部反馈) to a unit',
      tag: 'workspace',
      who: 'admin',
      allow: isAdmin,
      params: UnitParam,
      body: z.object({ period: Id.nullable().optional(), text: z.string().trim().min(1).max(5000) }),
      status: 201,
      handler({ params, body, principal }) {
        knownUnit(params.id);
        if (body.period && !race.scheme()!.season.periods.some((p) => p.id === body.period)) throw errors.badRequest(`考核期「${body.period}」不存在。`, `Period "${body.period}" does not exist.`);
        return feedback.add(params.id, body, principal.displayName || principal.actor);
      },
    }),
    route({
      method: 'post',
      path: '/api/evidence',
      summary: `Upload an evidence file (证明材料): raw body ≤ 10 MB, Content-Type one of ${EVIDENCE_TYPES.join(', ')}; X-Filename header (URI-encoded); admins name the unit with ?unit=`,
      tag: 'workspace',
      who: 'unit (for itself), admin',
      allow: (p) => (p.role === 'unit' && p.unit !== null) || p.role === 'admin',
      query: z.object({ unit: Id.optional() }),
      raw: '10mb',
      status: 201,
      handler({ query, principal, raw, req }) {
        if (principal.role === 'unit' && query.unit !== undefined && query.unit !== principal.unit) throw errors.otherUnit();
        const unit = principal.role === 'unit' ? principal.unit! : query.unit;
        if (!unit) throw errors.badRequest('请用 ?unit= 指定单位。', 'Name the unit with ?unit=.');
        knownUnit(unit);
        return evidence.upload({ unit, contentType: req.get('content-type'), fileName: req.get('x-filename'), data: raw }, principal.actor);
      },
    }),
    route({
      method: 'get',
      path: '/api/evidence/:id',
      summary: 'Download an evidence file (as an attachment)',
      tag: 'workspace',
      who: 'admin, leader; unit: its own files',
      allow: readers,
      params: z.object({ id: z.string().min(1).max(64) }),
      async handler({ params, principal, res }) {
        const f = await evidence.read(params.id);
        if (!f) throw errors.notFound();
        if (!canReadUnit(principal, f.unit)) throw errors.otherUnit();
        res.setHeader('Content-Type', f.type === 'text/plain' ? 'text/plain; charset=utf-8' : f.type);
        res.setHeader('Content-Disposition', attachment(f.name));
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        res.end(f.data);
      },
    }),
  ];
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
