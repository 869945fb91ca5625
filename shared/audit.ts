/** One audit row as `GET /api/audit` sends it (who, what, when in UTC, before, after, reason). */
export interface AuditRow {
  id: number;
  /** ISO 8601 UTC. */
  at: string;
  /** User id, `token:<id>`, or a system actor (`demo`, `setup` …). */
  actor: string;
  /** The actor's display name when the row was written (or, for older rows, now); null when not a person or token. */
  actorName: string | null;
  /** admin | leader | reporter | unit | display | system; null when unknown. */
  actorRole: string | null;
  /** The unit of a unit-role actor. */
  actorUnit: string | null;
  action: string;
  /** What the row is about as `key:value` words (`seq:12 unit:t1 period:m01 indicator:inv`, `user:u_…`). */
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** The roles an audit row's actor can have (the filter's choices). */
export const AUDIT_ROLES = ['admin', 'leader', 'reporter', 'unit', 'display', 'system'] as const;
