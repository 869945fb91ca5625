/** Appeals: units file data objections and 容错 applications; admins review them. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import { isAdmin } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

const Status = z.enum(['submitted', 'under_review', 'accepted', 'rejected']);
const NewAppeal = z.object({
  /** Admins file on behalf of a unit; a unit user always files for its own unit. */
  unit: Id.optional(),
  kind: z.enum(['objection', 'tolerance']),
  period: Id,
  target: z.string().trim().max(200).nullable().optional(),
  text: z.string().trim().min(1).max(5000),
});

export function appealRoutes({ appeals, race }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/appeals',
      summary: 'Appeals, newest first (?status=, ?unit=)',
      tag: 'appeals',
      who: 'admin, leader: all; unit: its own',
      allow: (p) => p.role === 'admin' || p.role === 'leader' || p.role === 'unit',
      query: z.object({ status: Status.optional(), unit: Id.optional() }),
      async handler({ query, principal }) {
        const unit = principal.role === 'unit' ? principal.unit! : query.unit;
        if (principal.role === 'unit' && query.unit !== undefined && query.unit !== principal.unit) throw errors.otherUnit();
        return { items: await appeals.list({ unit, status: query.status }) };
      },
    }),
    route({
      method: 'post',
      path: '/api/appeals',
      summary: 'File a data objection (数据异议) or a 容错 application',
      tag: 'appeals',
      who: 'unit (own unit), admin',
      allow: (p) => (p.role === 'unit' && p.unit !== null) || p.role === 'admin',
      body: NewAppeal,
      status: 201,
      handler({ body, principal }) {
        const unit = principal.role === 'unit' ? principal.unit! : body.unit;
        if (!unit) throw errors.badRequest('请指定单位。', 'Name the unit.');
        if (principal.role === 'unit' && body.unit !== undefined && body.unit !== unit) throw errors.otherUnit();
        const scheme = race.scheme();
        if (scheme && !scheme.units.some((u) => u.id === unit)) throw errors.notFound();
        return appeals.file({ ...body, unit }, principal.actor);
      },
    }),
    route({
      method: 'put',
      path: '/api/appeals/:id',
      summary: 'Review an appeal: under_review, accepted or rejected, with a decision reference',
      tag: 'appeals',
      who: 'admin',
      allow: isAdmin,
      params: z.object({ id: z.string().min(1).max(64) }),
      body: z.object({ status: Status, reference: z.string().trim().max(200).optional(), decision: z.string().trim().max(5000).optional() }),
      handler: ({ params, body, principal }) => appeals.decide(params.id, body, principal.actor),
    }),
  ];
}
