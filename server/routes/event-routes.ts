/**
 * Everything that changes standings: values (single and batch), bonuses/deductions, vetoes,
 * waivers, ratings, cadre adjustments, publishing. Each becomes an event in the log.
 */
import { z } from 'zod';
import { EventDataSchemas, type EventBody, type EventType } from '../../shared/events.ts';
import { Id } from '../../shared/scheme.ts';
import { canSubmitValues, isAdmin, ownsIndicator, type Principal } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';
import { route, type RouteDef } from '../http/route.ts';
import type { RaceService, Submission } from '../services/race-service.ts';
import { indicatorOwners } from './scheme-index.ts';
import type { RouteDeps } from './deps.ts';

export const IdempotencyKey = z.string().min(1).max(200).describe('Idempotency key: a retry with the same key and payload is applied once');
const Reason = z.string().trim().min(1).max(2000);

export const ValueItem = EventDataSchemas['value:recorded'].extend({
  key: IdempotencyKey,
  /** With a reason the value is a correction (value:corrected). */
  reason: Reason.optional(),
});
const Batch = z.object({ items: z.array(ValueItem).min(1).max(10_000, '一次最多提交 10000 条数据 (at most 10,000 values)') });
const Single = z.object({ version: z.number(), seq: z.number(), duplicate: z.boolean() });
const BatchResult = z.object({ version: z.number(), accepted: z.number(), duplicates: z.number(), items: z.array(z.object({ seq: z.number(), duplicate: z.boolean() })) });
const IdParam = z.object({ id: Id });
const RevokeBody = z.object({ reason: Reason, key: IdempotencyKey.optional() });

function valueSubmission(p: Principal, race: RaceService, item: z.output<typeof ValueItem>): Submission {
  const scheme = race.scheme();
  if (!scheme) throw errors.noScheme();
  if (!isAdmin(p) && !ownsIndicator(p, indicatorOwners(scheme).get(item.indicator))) throw errors.notOwner({ indicator: item.indicator });
  const { key, reason, ...data } = item;
  const body: EventBody = reason === undefined ? { type: 'value:recorded', data } : { type: 'value:corrected', data: { ...data, reason } };
  return { key, body };
}

async function one(race: RaceService, actor: string, s: Submission) {
  const r = await race.submit(actor, [s]);
  return { version: r.version, seq: r.items[0]!.seq, duplicate: r.items[0]!.duplicate };
}

/** An admin-only route that records one event of `type` from the body (plus an optional key). */
function adminEvent<T extends EventType>(race: RaceService, path: string, type: T, summary: string): RouteDef {
  const Body = (EventDataSchemas[type] as unknown as z.ZodObject).extend({ key: IdempotencyKey.optional() });
  return route({
    method: 'post',
    path,
    summary,
    tag: 'events',
    who: 'admin',
    allow: isAdmin,
    body: Body,
    status: 201,
    response: Single,
    handler: ({ body, principal }) => {
      const { key, ...data } = body as { key?: string } & Record<string, unknown>;
      return one(race, principal.actor, { key, body: { type, data } as EventBody });
    },
  });
}

export function eventRoutes({ race }: RouteDeps): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/values',
      summary: 'Record (or, with a reason, correct) one indicator value',
      tag: 'events',
      who: 'admin; reporter for indicators its department owns',
      allow: canSubmitValues,
      body: ValueItem,
      status: 201,
      response: Single,
      handler: ({ body, principal }) => one(race, principal.actor, valueSubmission(principal, race, body)),
    }),
    route({
      method: 'post',
      path: '/api/values/batch',
      summary: 'Record up to 10,000 values at once: all or none, in one transaction',
      tag: 'events',
      who: 'admin; reporter for indicators its department owns',
      allow: canSubmitValues,
      body: Batch,
      limit: '16mb',
      status: 201,
      response: BatchResult,
      async handler({ body, principal }) {
        const subs = body.items.map((item) => valueSubmission(principal, race, item));
        const r = await race.submit(principal.actor, subs);
        const duplicates = r.items.filter((i) => i.duplicate).length;
        return { version: r.version, accepted: r.items.length - duplicates, duplicates, items: r.items };
      },
    }),
    adminEvent(race, '/api/adjustments', 'adjustment:recorded', 'Record a bonus (加分) or deduction (扣分) with reason and evidence'),
    adminEvent(race, '/api/vetoes', 'veto:recorded', 'Record a veto (一票否决) for a unit in a period'),
    adminEvent(race, '/api/waivers', 'waiver:decided', 'Decide a 容错 application or clarification on a deduction or veto'),
    adminEvent(race, '/api/ratings', 'rating:recorded', 'Record one multi-rater (民主测评) rating of a cadre'),
    adminEvent(race, '/api/cadre-adjustments', 'cadre:adjusted', 'Record a personal bonus or deduction of a cadre'),
    ...(['adjustments', 'vetoes'] as const).map((what) =>
      route({
        method: 'post',
        path: `/api/${what}/:id/revoke`,
        summary: `Revoke a recorded ${what === 'adjustments' ? 'bonus or deduction' : 'veto'}`,
        tag: 'events',
        who: 'admin',
        allow: isAdmin,
        params: IdParam,
        body: RevokeBody,
        status: 201,
        response: Single,
        handler: ({ params, body, principal }) =>
          one(race, principal.actor, {
            key: body.key,
            body: { type: what === 'adjustments' ? 'adjustment:revoked' : 'veto:revoked', data: { id: params.id, reason: body.reason } },
          }),
      }),
    ),
    route({
      method: 'post',
      path: '/api/periods/:id/publish',
      summary: 'Publish (晾晒) a period: freeze its official standings',
      tag: 'events',
      who: 'admin',
      allow: isAdmin,
      params: IdParam,
      body: z.object({ note: z.string().max(2000).default(''), key: IdempotencyKey.optional() }),
      status: 201,
      response: Single,
      handler: ({ params, body, principal }) =>
        one(race, principal.actor, { key: body.key, body: { type: 'period:published', data: { period: params.id, note: body.note } } }),
    }),
  ];
}
