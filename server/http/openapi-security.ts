/**
 * What the OpenAPI document says about access: the security schemes, which of them each
 * operation accepts (found by asking the route's own `allow` check about a caller of each kind),
 * and the error responses it can answer, all with the one error body.
 */
import { ANONYMOUS, type Principal, type Role } from '../auth/roles.ts';
import type { RouteDef } from './route.ts';

type Json = Record<string, unknown>;

export const securitySchemes = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: 'saima_sid', description: 'Browser session from POST /api/session/login (HttpOnly cookie).' },
  csrfHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'With a session cookie, every POST/PUT/DELETE sends the csrfToken returned by POST /api/session/login or GET /api/session/me.',
  },
  apiToken: { type: 'http', scheme: 'bearer', description: 'API token (sk_…) created in the console; acts with its user’s role.' },
  displayToken: { type: 'apiKey', in: 'query', name: 'token', description: 'Wall-display token (sd_…), read-only; also accepted as Authorization: Bearer.' },
} as const;

const ErrorBody = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable machine-readable code, e.g. forbidden, stale_version' },
    message: { type: 'string', description: 'What went wrong and what to do, in Chinese (English with Accept-Language: en)' },
    details: { description: 'Per-field or per-cell problems, when there are any' },
  },
};

const response = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export const errorComponents = {
  schemas: { Error: ErrorBody },
  responses: {
    BadRequest: response('The request does not match its schema (code invalid_request, details.issues), or is not valid JSON.'),
    Unauthenticated: response('Not signed in, or the token is invalid or revoked (unauthenticated, bad_token, bad_credentials).'),
    Forbidden: response('Signed in, but this role or unit may not do this, or the X-CSRF-Token header is missing (forbidden, csrf, other_unit, not_owner).'),
    NotFound: response('No such resource or version (not_found, version_not_found).'),
    Conflict: response('The request conflicts with the current state: a stale scheme version, a reused idempotency key, a taken name, no scheme yet.'),
    Unprocessable: response('Well-formed but refused by the rules: an unknown unit or indicator, a value out of range, a file with wrong cells (details list each problem).'),
  },
};

function principal(role: Role, via: Principal['via']): Principal {
  return { ...ANONYMOUS, role, via, actor: role, userId: role === 'display' ? null : role, unit: role === 'unit' ? 'u' : null, department: role === 'reporter' ? 'd' : null };
}

const USER_ROLES: Role[] = ['admin', 'leader', 'reporter', 'unit'];
const MUTATING = new Set(['post', 'put', 'delete']);

/** The security requirements of one route: any one of them lets a call through the role check. */
export function securityOf(r: RouteDef): Json[] {
  const out: Json[] = [];
  if (r.allow(ANONYMOUS)) out.push({});
  if (USER_ROLES.some((role) => r.allow(principal(role, 'cookie')))) {
    out.push(MUTATING.has(r.method) && !r.noCsrf ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] });
  }
  if (USER_ROLES.some((role) => r.allow(principal(role, 'bearer')))) out.push({ apiToken: [] });
  if (r.allow(principal('display', 'bearer'))) out.push({ displayToken: [] });
  return out;
}

/** Which roles the route lets through, for the operation's description. */
export function rolesOf(r: RouteDef): Role[] {
  return [...USER_ROLES, 'display' as const].filter((role) => r.allow(principal(role, role === 'display' ? 'bearer' : 'cookie')) || r.allow(principal(role, 'bearer')));
}

/** The error responses a route can answer. */
export function errorResponsesOf(r: RouteDef): Json {
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const out: Json = {};
  if (r.body || r.query || r.params || r.raw) out['400'] = ref('BadRequest');
  out['401'] = ref('Unauthenticated');
  const everyone = r.allow(ANONYMOUS);
  if (!everyone || (MUTATING.has(r.method) && !r.noCsrf)) out['403'] = ref('Forbidden');
  if (r.params || r.query) out['404'] = ref('NotFound');
  if (MUTATING.has(r.method)) {
    out['409'] = ref('Conflict');
    out['422'] = ref('Unprocessable');
  }
  return out;
}
