/**
 * Appeals on the wire (`GET /api/appeals`, a unit's workspace): data objections (数据异议) and
 * 容错 applications, as the server sends them and both consoles read them.
 */

export const APPEAL_STATUSES = ['submitted', 'under_review', 'accepted', 'partial', 'rejected', 'clarified'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export type AppealKind = 'objection' | 'tolerance';

/** Decided cases do not move again. */
export const FINAL_STATUSES: ReadonlySet<AppealStatus> = new Set(['accepted', 'partial', 'rejected', 'clarified']);

/** What an appeal is about: exactly one key (appeals filed before targets were structured: `legacy` text). */
export type AppealTarget = { indicator: string } | { adjustment: string } | { veto: string } | { legacy: string };
/** An `AppealTarget` read field by field: `fields.veto` is undefined unless it names a veto. */
export type AppealTargetFields = { indicator?: string; adjustment?: string; veto?: string; legacy?: string };

/** The target as fields (none when the appeal names none). */
export function targetFields(target: AppealTarget | null | undefined): AppealTargetFields {
  return target ?? {};
}

/** The "三个区分开来" questions of a 容错 application. */
export interface ToleranceQuestions {
  /** 探索性试验中的失误（无先例可循）? */
  exploratory: boolean;
  /** 上级尚无明确限制? */
  notProhibited: boolean;
  /** 为推动发展的无意过失，而非谋取私利? */
  publicInterest: boolean;
  notes?: string;
}

export interface AppealHistoryEntry {
  at: string;
  actor: string;
  status: AppealStatus;
  note: string | null;
}

export interface EvidenceFile {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface Appeal {
  id: string;
  unit: string;
  kind: AppealKind;
  period: string;
  target: AppealTarget | null;
  text: string;
  questions: ToleranceQuestions | null;
  evidence: EvidenceFile[];
  proposedValue: number | string | null;
  status: AppealStatus;
  reference: string | null;
  decision: string | null;
  /** The event that carried the decision (`waiver:decided`, `value:corrected`), if any. */
  eventSeq: number | null;
  history: AppealHistoryEntry[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Who took a step, as a unit's user sees it when it was someone else: the filing, or the 组织部. */
export const FILER_ACTOR = '@filer';
export const ORG_ACTOR = '@org';

/**
 * An appeal as a unit's user may see it. Its own user id stays (the page shows the unit's name);
 * other people's user and token ids are internal to the organization department and become
 * `FILER_ACTOR` on the filing step and `ORG_ACTOR` on every later one (only the 组织部 reviews).
 */
export function appealForUnitUser(a: Appeal, self: string | null): Appeal {
  const mask = (actor: string, status: AppealStatus) => (actor === self ? actor : status === 'submitted' ? FILER_ACTOR : ORG_ACTOR);
  return { ...a, createdBy: mask(a.createdBy, 'submitted'), history: a.history.map((h) => ({ ...h, actor: mask(h.actor, h.status) })) };
}
