/** Users and roles, display and API tokens, the audit log. Admin only. */
import { z } from 'zod';
import { isAdmin } from '../auth/roles.ts';
import { route, type RouteDef } from '../http/route.ts';
import { readAudit } from '../storage/audit-repo.ts';
import { AUDIT_ROLES } from '../../shared/audit.ts';
import type { RouteDeps } from './deps.ts';

const RoleName = z.enum(['admin', 'leader', 'reporter', 'unit']);
const UserId = z.object({ id: z.string().min(1).max(64) });
const NewUser = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(8).max(200),
  displayName: z.string().max(100).optional(),
  role: RoleName,
  unit: z.string().max(64).nullable().optional(),
  department: z.string().max(64).nullable().optional(),
});
const UserPatch = z.object({
  password: z.string().min(8).max(200).optional(),
  displayName: z.string().max(100).optional(),
  role: RoleName.optional(),
  unit: z.string().max(64).nullable().optional(),
  department: z.string().max(64).nullable().optional(),
  disabled: z.boolean().optional(),
  reason: z.string().max(2000).optional(),
});
const NewToken = z.object({ kind: z.enum(['display', 'api']), name: z.string().trim().min(1).max(100), userId: z.string().max(64).nullable().optional() });
const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+Z?)?$/, 'ISO 8601 UTC, e.g. 2026-03-31 or 2026-03-31T08:00:00Z');
const AuditQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  action: z.string().max(100).optional().describe('Exact action, or a prefix ending in * (appeal:*)'),
  actor: z.string().max(200).optional().describe("The actor's user id, username, or part of the display name (any case)"),
  role: z.enum(AUDIT_ROLES).optional().describe("The actor's role"),
  unit: z.string().max(64).optional().describe('Rows about this unit (unit id) or written by its users'),
  target: z.string().max(200).optional().describe('Text contained in the target, e.g. unit:t1'),
  from: IsoTime.optional().describe('From this time (inclusive)'),
  to: IsoTime.optional().describe('Up to this time (inclusive); a date alone means the end of that day'),
});

export function adminRoutes({ users, tokens, storage }: RouteDeps): RouteDef[] {
  const base = { tag: 'admin', who: 'admin', allow: isAdmin } as const;
  return [
    route({ ...base, method: 'get', path: '/api/users', summary: 'List users', handler: async () => ({ items: await users.listUsers() }) }),
    route({
      ...base,
      method: 'post',
      path: '/api/users',
      summary: 'Create a user (username normalised: trim, NFKC, lower case; unique)',
      body: NewUser,
      status: 201,
      handler: ({ body, principal }) => users.createUser(body, principal.actor),
    }),
    route({
      ...base,
      method: 'put',
      path: '/api/users/:id',
      summary: "Change a user's password, role, unit, department or status (ends its sessions when those change)",
      params: UserId,
      body: UserPatch,
      handler: ({ params, body, principal }) => {
        const { reason, ...patch } = body;
        return users.updateUser(params.id, patch, principal.actor, reason);
      },
    }),
    route({ ...base, method: 'get', path: '/api/tokens', summary: 'List display and API tokens (never the secrets)', handler: async () => ({ items: await tokens.list() }) }),
    route({
      ...base,
      method: 'post',
      path: '/api/tokens',
      summary: 'Create a display token (wall display link) or a reporter API token; the secret is shown once',
      body: NewToken,
      status: 201,
      handler: ({ body, principal }) => tokens.create(body.kind, body.name, body.userId ?? null, principal.actor),
    }),
    route({
      ...base,
      method: 'post',
      path: '/api/tokens/:id/revoke',
      summary: 'Revoke a token; its sockets are disconnected',
      params: UserId,
      handler: ({ params, principal }) => tokens.revoke(params.id, principal.actor),
    }),
    route({
      ...base,
      method: 'get',
      path: '/api/audit',
      summary: 'The audit log, newest first, filtered by actor (id, username or display name), role, unit, action, target and time; each row names its actor (actorName, actorRole, actorUnit); `next` is the ?before= of the next page (null at the end)',
      query: AuditQuery,
      async handler({ query }) {
        const items = await readAudit(storage.db, query);
        return { items, next: items.length === query.limit ? items[items.length - 1]!.id : null };
      },
    }),
  ];
}
