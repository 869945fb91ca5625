/**
 * Pure logic of appeals in the unit workspace: status labels and steps, the history timeline,
 * what a 容错 application may target, the form's validation and the request body.
 */
import type { AdjustmentItem, Appeal, AppealKind, AppealStatus, EvidenceFile, VetoItem, Workspace } from './types.ts';
import { fmtPoints, isOpenPenalty } from './standing-logic.ts';
import { APPEAL_STATUSES, FILER_ACTOR, FINAL_STATUSES as FINAL, ORG_ACTOR, targetFields } from '../../../../shared/appeals.ts';

export { APPEAL_STATUSES };

/** A decision has been made (no further step). */
export function isDecided(s: AppealStatus): boolean {
  return FINAL.has(s);
}

/** Message key of a status label (`unit.status.*`); unknown statuses fall back to their code. */
export function statusKey(s: string): string {
  return (APPEAL_STATUSES as readonly string[]).includes(s) ? `unit.status.${s}` : '';
}

export type StepStatus = 'wait' | 'process' | 'finish' | 'error' | 'success';

/**
 * The three steps filed → under review → decision, each with its Element Plus step status:
 * a rejection ends in error, a partial acceptance in finish, acceptance/clarification in success.
 */
export function stepStatuses(s: AppealStatus): [StepStatus, StepStatus, StepStatus] {
  if (s === 'submitted') return ['success', 'wait', 'wait'];
  if (s === 'under_review') return ['success', 'process', 'wait'];
  return ['success', 'success', s === 'rejected' ? 'error' : s === 'partial' ? 'finish' : 'success'];
}

export interface TimelineEntry {
  at: string;
  actor: string;
  status: AppealStatus;
  note: string;
}

/** The appeal's history, oldest first; an appeal without history still shows when it was filed. */
export function appealTimeline(a: Appeal): TimelineEntry[] {
  const items = (a.history ?? []).map((h) => ({ at: h.at, actor: h.actor ?? '', status: h.status, note: h.note ?? '' }));
  if (!items.length) items.push({ at: a.createdAt, actor: a.createdBy ?? '', status: 'submitted', note: '' });
  return items.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

/**
 * Who took a step, for people. The server records user ids (u_…), which mean nothing to a
 * reader, and shows a unit's users only their own (`FILER_ACTOR`, `ORG_ACTOR` for the others):
 * the filing is by this unit (or the 组织部 on its behalf), every later step by the 组织部. Names
 * that are not ids are shown as they are.
 */
export function actorLabel(e: { actor: string; status: AppealStatus }, selfId: string | null | undefined, selfName: string): { key: string; name: string } {
  if (!e.actor) return { key: '', name: '' };
  if (selfId && e.actor === selfId) return { key: '', name: selfName || e.actor };
  if (e.actor === FILER_ACTOR) return { key: 'unit.actor.filer', name: '' };
  if (e.actor === ORG_ACTOR) return { key: 'unit.actor.orgDept', name: '' };
  if (!/^(u_|token:)[A-Za-z0-9_-]+$/.test(e.actor)) return { key: '', name: e.actor };
  return { key: e.status === 'submitted' ? 'unit.actor.filer' : 'unit.actor.orgDept', name: '' };
}

/** Appeals newest first; open ones (not yet decided) before decided ones. */
export function sortAppeals(list: Appeal[]): Appeal[] {
  return [...list].sort((a, b) => Number(isDecided(a.status)) - Number(isDecided(b.status)) || (b.createdAt > a.createdAt ? 1 : b.createdAt < a.createdAt ? -1 : 0));
}

/** A 容错 target as the form's select value: `adjustment:<id>` or `veto:<id>`. */
export type TargetValue = `adjustment:${string}` | `veto:${string}`;

export interface ToleranceTarget {
  value: TargetValue;
  kind: 'deduction' | 'veto';
  item: AdjustmentItem | VetoItem;
}

/**
 * Deductions and vetoes still in force with no open appeal on them: what a 容错 application may
 * name. An item already under appeal would only create a duplicate case.
 */
export function toleranceTargets(adjustments: AdjustmentItem[], vetoes: VetoItem[], appeals: Appeal[]): ToleranceTarget[] {
  const open = underTolerance(appeals);
  const out: ToleranceTarget[] = [];
  for (const d of adjustments) if (d.kind === 'deduction' && isOpenPenalty(d) && !open.has(`adjustment:${d.id}`)) out.push({ value: `adjustment:${d.id}`, kind: 'deduction', item: d });
  for (const v of vetoes) if (isOpenPenalty(v) && !open.has(`veto:${v.id}`)) out.push({ value: `veto:${v.id}`, kind: 'veto', item: v });
  return out;
}

/** Deductions and vetoes with a 容错 application not decided yet (`adjustment:<id>`, `veto:<id>`). */
export function underTolerance(appeals: Appeal[]): Set<TargetValue> {
  const open = new Set<TargetValue>();
  for (const a of appeals) {
    if (a.kind !== 'tolerance' || isDecided(a.status)) continue;
    const tg = targetFields(a.target);
    if (tg.adjustment) open.add(`adjustment:${tg.adjustment}`);
    if (tg.veto) open.add(`veto:${tg.veto}`);
  }
  return open;
}

/** How the form opens: from a breakdown row (an indicator) or an adjustment row (a target). */
export interface AppealPreset {
  kind: AppealKind;
  indicator?: string;
  target?: TargetValue;
}

/** What the appeal form holds while it is filled in. */
export interface AppealDraft {
  kind: AppealKind;
  /** Objection: the indicator and the value the unit says is right (as typed). */
  indicator: string;
  proposedValue: string;
  /** 容错: the deduction or veto. */
  target: TargetValue | '';
  /** 三个区分开来; null = not answered yet. */
  exploratory: boolean | null;
  notProhibited: boolean | null;
  publicInterest: boolean | null;
  notes: string;
  text: string;
  evidence: EvidenceFile[];
}

export function emptyDraft(kind: AppealKind): AppealDraft {
  return { kind, indicator: '', proposedValue: '', target: '', exploratory: null, notProhibited: null, publicInterest: null, notes: '', text: '', evidence: [] };
}

export const MAX_TEXT = 5000;
export const MAX_NOTES = 2000;
export const MAX_FILES = 10;

const isNumeric = (v: string): boolean => v.trim() !== '' && Number.isFinite(Number(v));
const sameValue = (cur: number | string, typed: string): boolean => (isNumeric(String(cur)) && isNumeric(typed) ? Number(cur) === Number(typed) : String(cur).trim() === typed);

/** Field → message key (`unit.form.err.*`) of the first problem; empty when the draft can be sent. */
export function validateDraft(d: AppealDraft, currentValue?: number | string | null): Record<string, string> {
  const e: Record<string, string> = {};
  if (d.kind === 'objection') {
    if (!d.indicator) e.indicator = 'unit.form.err.indicator';
    const v = d.proposedValue.trim();
    // Indicators whose values are words (e.g. 达标) take words; the others take numbers.
    const textual = typeof currentValue === 'string' && !isNumeric(currentValue);
    if (!v) e.proposedValue = 'unit.form.err.valueRequired';
    else if (!textual && !isNumeric(v)) e.proposedValue = 'unit.form.err.valueNumber';
    else if (textual && v.length > 20) e.proposedValue = 'unit.form.err.valueLong';
    else if (currentValue !== undefined && currentValue !== null && String(currentValue).trim() !== '' && sameValue(currentValue, v)) e.proposedValue = 'unit.form.err.valueSame';
  } else {
    if (!d.target) e.target = 'unit.form.err.target';
    if (d.exploratory === null || d.notProhibited === null || d.publicInterest === null) e.questions = 'unit.form.err.questions';
    if (d.notes.length > MAX_NOTES) e.notes = 'unit.form.err.tooLong';
  }
  const text = d.text.trim();
  if (!text) e.text = 'unit.form.err.text';
  else if (text.length > MAX_TEXT) e.text = 'unit.form.err.tooLong';
  if (d.evidence.length > MAX_FILES) e.evidence = 'unit.form.err.tooManyFiles';
  return e;
}

/**
 * The period an appeal belongs to: a 容错 application the period of its deduction or veto (the
 * server refuses another), an objection the period on screen.
 */
export function appealPeriod(d: AppealDraft, ws: Pick<Workspace, 'period' | 'adjustments' | 'vetoes'>): string {
  if (d.kind === 'tolerance' && d.target) {
    const [type, ...rest] = d.target.split(':');
    const id = rest.join(':');
    const item = type === 'veto' ? ws.vetoes.find((v) => v.id === id) : ws.adjustments.find((a) => a.id === id);
    if (item?.period) return item.period;
  }
  return ws.period.id;
}

/** The `POST /api/appeals` body of a valid draft. */
export function appealBody(d: AppealDraft, period: string): Record<string, unknown> {
  const base = { kind: d.kind, period, text: d.text.trim(), evidence: d.evidence.map((f) => f.id) };
  if (d.kind === 'objection') {
    const v = d.proposedValue.trim();
    return { ...base, target: { indicator: d.indicator }, proposedValue: isNumeric(v) ? Number(v) : v };
  }
  const [type, ...rest] = d.target.split(':');
  const id = rest.join(':');
  const notes = d.notes.trim();
  return {
    ...base,
    target: type === 'veto' ? { veto: id } : { adjustment: id },
    questions: { exploratory: d.exploratory === true, notProhibited: d.notProhibited === true, publicInterest: d.publicInterest === true, ...(notes ? { notes } : {}) },
  };
}

/** What an appeal is about, as a message key (`unit.target.*`) with names and points filled in. */
export function targetLine(a: Appeal, ws: Pick<Workspace, 'tracks' | 'adjustments' | 'vetoes'>): { key: string; params: Record<string, string> } {
  const tg = targetFields(a.target);
  if (tg.indicator) {
    const ind = ws.tracks.flatMap((x) => x.indicators.map((i) => ({ ...i, track: x.track.name }))).find((i) => i.id === tg.indicator);
    const value = a.proposedValue === null || a.proposedValue === undefined ? '' : String(a.proposedValue);
    return { key: value ? 'unit.target.indicatorValue' : 'unit.target.indicator', params: { name: ind ? `${ind.track} · ${ind.name}` : tg.indicator, value } };
  }
  if (tg.adjustment) {
    const d = ws.adjustments.find((x) => x.id === tg.adjustment);
    return d ? { key: 'unit.target.deduction', params: { points: fmtPoints(Math.abs(d.points)), reason: d.reason } } : { key: 'unit.target.unknown', params: { id: tg.adjustment } };
  }
  if (tg.veto) {
    const v = ws.vetoes.find((x) => x.id === tg.veto);
    return v ? { key: 'unit.target.veto', params: { reason: v.reason } } : { key: 'unit.target.unknown', params: { id: tg.veto } };
  }
  if (tg.legacy) return { key: 'unit.target.unknown', params: { id: tg.legacy } };
  return { key: 'unit.target.none', params: {} };
}
