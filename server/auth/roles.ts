/**
 * Roles (SPEC §7) and who may do what. Every route and room checks one of these predicates, and
 * test/server/authz-matrix.test.ts holds the expected allow/deny table.
 */
export const ROLES = ['admin', 'leader', 'reporter', 'unit', 'display'] as const;
export type Role = (typeof ROLES)[number] | 'public';

export interface Principal {
  role: Role;
  /** User id, `token:<id>` for tokens, `public` for anonymous callers. */
  actor: string;
  userId: string | null;
  tokenId: string | null;
  /** unit role: the unit it belongs to. */
  unit: string | null;
  /** reporter role: the department (indicator `owner`) it reports for. */
  department: string | null;
  /** How the caller authenticated; only cookie sessions need a CSRF token. */
  via: 'cookie' | 'bearer' | 'none';
  sessionId: string | null;
  csrf: string | null;
  displayName: string;
}

export const ANONYMOUS: Principal = {
  role: 'public',
  actor: 'public',
  userId: null,
  tokenId: null,
  unit: null,
  department: null,
  via: 'none',
  sessionId: null,
  csrf: null,
  displayName: '',
};

/** Live (unpublished) standings of every group. */
export const canReadLive = (p: Principal) => p.role === 'admin' || p.role === 'leader' || p.role === 'display' || p.role === 'unit';
/** Cadre boards. */
export const canReadCadres = (p: Principal) => p.role === 'admin' || p.role === 'leader' || p.role === 'display';
/** The raw event log (it carries every unit's values, so never the unit role). */
export const canReadEvents = (p: Principal) => p.role === 'admin' || p.role === 'leader' || p.role === 'display';
/** Details (explanations, values) of a unit. */
export const canReadUnit = (p: Principal, unit: string) =>
  p.role === 'admin' || p.role === 'leader' || (p.role === 'unit' && p.unit === unit);
export const canReadScheme = (p: Principal) => p.role === 'admin' || p.role === 'leader';
export const isAdmin = (p: Principal) => p.role === 'admin';
/**
 * The console's notice room (`admin`): every new version's kind and seq, appeals filed and decided.
 * Leaders read all of that through the API already, and watch the review queue live.
 */
export const canWatchConsole = (p: Principal) => p.role === 'admin' || p.role === 'leader';
export const canSubmitValues = (p: Principal) => p.role === 'admin' || p.role === 'reporter';
/** May this caller submit a value of an indicator owned by `owner`? */
export const ownsIndicator = (p: Principal, owner: string | undefined) =>
  p.role === 'admin' || (p.role === 'reporter' && owner !== undefined && owner === p.department);
