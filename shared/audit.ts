/** One audit row as `GET /api/audit` sends it (who, what, when in UTC, before, after, reason). */
export interface AuditRow {
  id: number;
  /** ISO 8601 UTC. */
  at: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}
