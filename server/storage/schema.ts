/**
 * Table types for Kysely. Every column is portable between SQLite and PostgreSQL: JSON is stored
 * as text, booleans as 0/1 integers, timestamps as ISO 8601 UTC text.
 */
import type { Generated } from 'kysely';

export interface EventsTable {
  /** Global sequence number, assigned by the single writer (no gaps, no reuse). */
  seq: number;
  type: string;
  /** JSON of the event's `data`. */
  data: string;
  at: string;
  actor: string;
}

export interface IdempotencyTable {
  key: string;
  /** sha256 of the canonical JSON of the payload the key was first used with. */
  hash: string;
  seq: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit: string | null;
  department: string | null;
  password_hash: string;
  disabled: number;
  /** Bumped on password, role or status change: older sessions stop being valid. */
  epoch: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the raw value is never stored. */
  id: string;
  user_id: string;
  csrf: string;
  epoch: number;
  created_at: string;
  expires_at: string;
}

export interface TokensTable {
  id: string;
  kind: string;
  name: string;
  /** sha256 of the token; the raw token is shown once on creation. */
  hash: string;
  user_id: string | null;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** User id, `token:<id>`, or a system actor (`demo`, `setup` …). */
  actor: string;
  /** The actor's display name at the time (null: not a user or token). */
  actor_name: string | null;
  /** admin | leader | reporter | unit | display | system (null: unknown). */
  actor_role: string | null;
  /** The unit of a unit-role actor. */
  actor_unit: string | null;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface AppealsTable {
  id: string;
  unit: string;
  /** `objection` (数据异议) or `tolerance` (容错免责申请). */
  kind: string;
  period: string;
  /** The deduction/veto id or indicator code the appeal is about. */
  target: string | null;
  text: string;
  /** submitted → under_review → accepted | rejected */
  status: string;
  reference: string | null;
  decision: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON `{indicator}` | `{adjustment}` | `{veto}` (null on rows filed before issue 5). */
  target_json: string | null;
  /** JSON of the 三个区分开来 answers of a 容错 application. */
  questions: string | null;
  /** JSON array of evidence file ids. */
  evidence: string | null;
  /** JSON of the value the unit proposes (data objection). */
  proposed_value: string | null;
  /** The event that carried the decision into the standings. */
  event_seq: number | null;
  /** JSON array of `{at, actor, status, note}`. */
  history: string | null;
  /** JSON of a decision whose event is being recorded (see appeal-service). */
  pending: string | null;
}

export interface FeedbackTable {
  id: string;
  unit: string;
  period: string | null;
  text: string;
  author: string;
  at: string;
}

export interface EvidenceTable {
  /** Random, unguessable (`ev_` + 128 bits). */
  id: string;
  unit: string;
  name: string;
  /** MIME type, one of the allowed ones. */
  type: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_by: string;
  created_at: string;
}

/**
 * What each event is about, one row per event that names any of it (written with the event, in
 * the same transaction): indexed, so a unit's workspace, a number's history and the data grid
 * find their events without scanning the log.
 */
export interface EventRefsTable {
  seq: number;
  unit: string | null;
  period: string | null;
  indicator: string | null;
  /** The item it refers to or records: `id` (an adjustment, a veto, a cadre…) or `target` (a waiver). */
  ref: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface DB {
  events: EventsTable;
  event_refs: EventRefsTable;
  idempotency: IdempotencyTable;
  users: UsersTable;
  sessions: SessionsTable;
  tokens: TokensTable;
  settings: SettingsTable;
  audit: AuditTable;
  appeals: AppealsTable;
  feedback: FeedbackTable;
  evidence: EvidenceTable;
  meta: MetaTable;
}
