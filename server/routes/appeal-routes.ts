/** Appeals: units file data objections and 容错 applications; admins review them. */
import { z } from 'zod';
import { Id } from '../../shared/scheme.ts';
import { IndicatorValue } from '../../shared/events.ts';
import { appealForUnitUser } from '../../shared/appeals.ts';
import { canReadUnit, isAdmin } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import { APPEAL_STATUSES } from '../services/appeal-service.ts';
import type { RouteDeps } from './deps.ts';

const Status = z.enum(APPEAL_STATUSES);
const Kind = z.enum(['objection', 'tolerance']);
export const AppealTargetSchema = z.union([
  z.object({ indicator: Id }).strict(),
  z.object({ adjustment: Id }).strict(),
  z.object({ veto: Id }).strict(),
]);
const Questions = z.object({
  exploratory: z.boolean().describe('探索性试验中的失误（无先例可循）'),
  notProhibited: z.boolean().describe('上级尚无明确限制'),
  publicInterest: z.boolean().describe('为推动发展的无意过失，而非谋取私利'),
  notes: z.string().trim().max(5000).optional(),
});
const NewAppeal = z.object({
  /** Admins file on behalf of a unit; a unit user always files for its own unit. */
  unit: Id.optional(),
  kind: Kind,
  period: Id,
  target: AppealTargetSchema.describe('{indicator} for an objection; {adjustment} or {veto} for a 容错 application'),
  text: z.string().trim().min(1).max(5000),
  questions: Questions.optional().describe('三个区分开来 (required for tolerance)'),
  evidence: z.array(z.string().max(64)).max(20).default([]).describe('Evidence file ids from POST /api/evidence'),
  proposedValue: IndicatorValue.optional().describe('Objection: the value the unit believes is right'),
});
const Decision = z.object({
  status: Status,
  reference: z.string().trim().max(200).optional(),
  decision: z.string().trim().max(5000).optional(),
  points: z.number().finite().gt(0).max(1000).optional().describe('partial: points of the deduction waived'),
  value: IndicatorValue.optional().describe('objection accepted: the corrected value'),
});
const AppealId = z.object({ id: z.string().min(1).max(64) });
const mayRead = (p: { role: string }) => p.role === 'admin' || p.role === 'leader' || p.role === 'unit';

export function appealRoutes({ appeals, race }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/appeals',
      summary: 'Appeals, newest first (?status=, ?unit=, ?kind=)',
      tag: 'appeals',
      who: 'admin, leader: all; unit: its own',
      allow: mayRead,
      query: z.object({ status: Status.optional(), unit: Id.optional(), kind: Kind.optional() }),
      async handler({ query, principal }) {
        if (principal.role === 'unit' && query.unit !== undefined && query.unit !== principal.unit) throw errors.otherUnit();
        const unit = principal.role === 'unit' ? (principal.unit ?? '') : query.unit;
        const items = await appeals.list({ unit, status: query.status, kind: query.kind });
        return { items: principal.role === 'unit' ? items.map((a) => appealForUnitUser(a, principal.userId)) : items };
      },
    }),
    route({
      method: 'get',
      path: '/api/appeals/:id',
      summary: 'One appeal with its evidence and history',
      tag: 'appeals',
      who: 'admin, leader; unit: its own',
      allow: mayRead,
      params: AppealId,
      async handler({ params, principal }) {
        const a = await appeals.get(params.id);
        if (!a) throw errors.notFound();
        if (!canReadUnit(principal, a.unit)) throw errors.otherUnit();
        return principal.role === 'unit' ? appealForUnitUser(a, principal.userId) : a;
      },
    }),
    route({
      method: 'post',
      path: '/api/appeals',
      summary: 'File a data objection (数据异议) on an indicator or a 容错 application on a deduction or veto',
      tag: 'appeals',
      who: 'unit (own unit), admin',
      allow: (p) => (p.role === 'unit' && p.unit !== null) || p.role === 'admin',
      body: NewAppeal,
      status: 201,
      handler({ body, principal }) {
        if (principal.role === 'unit' && body.unit !== undefined && body.unit !== principal.unit) throw errors.otherUnit();
        const unit = principal.role === 'unit' ? principal.unit! : body.unit;
        if (!unit) throw errors.badRequest('请指定单位。', 'Name the unit.');
        const scheme = race.scheme();
        if (scheme && !scheme.units.some((u) => u.id === unit)) throw errors.notFound();
        return appeals.file({ ...body, unit }, principal.actor);
      },
    }),
    route({
      method: 'put',
      path: '/api/appeals/:id',
      summary:
        'Review an appeal: under_review, accepted, partial, rejected or clarified (with reference and decision). Accepting a 容错 application records waiver:decided, accepting an objection value:corrected, together with the new status',
      tag: 'appeals',
      who: 'admin',
      allow: isAdmin,
      params: AppealId,
      body: Decision,
      handler: ({ params, body, principal }) => appeals.decide(params.id, body, principal.actor),
    }),
  ];
}
