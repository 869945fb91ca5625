/**
 * What-if (方案调整影响预览): the standings the event log gives now and after the edited scheme is
 * saved, compared row by row. Pure: the same engine as the server (`shared/engine`), no I/O.
 * Saving appends one `scheme:changed` event taking effect from a chosen period (the periods
 * before it keep their scheme), so the "after" side is the log plus that event: exactly what the
 * server will show once the edit is saved (as long as no other event arrives in between), and
 * only boards of the periods the change scores (and season totals) can differ.
 */
import type { LogEvent } from '../../../../../shared/events.ts';
import type { Scheme } from '../../../../../shared/scheme.ts';
import type { BoardRef, Standings } from '../../../../../shared/standings.ts';
import { parseBoardKey } from '../../../../../shared/standings.ts';
import { createEngine } from '../../../../../shared/engine/index.ts';

export interface RowChange {
  /** Unit id (cadre id on cadre boards). */
  id: string;
  /** null: not on the board on that side. */
  oldRank: number | null;
  newRank: number | null;
  oldScore: number | null;
  newScore: number | null;
  /** Places climbed (old − new; positive = up), null when the row is on one side only. */
  rankDelta: number | null;
  /** new − old points, rounded to 4 decimals; null when on one side only. */
  scoreDelta: number | null;
  oldGrade: string | null;
  newGrade: string | null;
}

export type WhatIfRef = BoardRef | { kind: 'cadre'; period: string; cadreGroup: string };

export interface BoardChange {
  key: string;
  ref: WhatIfRef;
  /** `added`/`dropped`: the board exists on one side only. */
  status: 'changed' | 'added' | 'dropped';
  /** Changed rows, biggest rank move first. */
  rows: RowChange[];
}

export interface WhatIfResult {
  /** Version (seq of the last event) the comparison was made at. */
  version: number;
  /** Seq of the last `scheme:changed` in the log: the saved scheme's version. */
  schemeSeq: number;
  boards: BoardChange[];
  /** Boards compared (present on either side). */
  boardCount: number;
  /** Rows whose rank, score or grade changes, over all boards. */
  rowCount: number;
  /** The period the change was previewed from (null: every period). */
  effectiveFrom: string | null;
  /** Periods published in the log. */
  published: string[];
  /** Published periods the change re-scores. */
  rescored: string[];
}

interface AnyRow {
  score: number;
  rank: number;
  grade?: string | null;
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** Standings of the log (its own scheme changes included; `scheme`: the first in force). */
export function standingsUnder(scheme: Scheme, events: readonly LogEvent[]): Standings {
  return createEngine(scheme, [...events]).standings();
}

/** Periods published in the log, in publication order, each once. */
export function publishedPeriods(events: readonly LogEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) if (e.type === 'period:published' && !out.includes(e.data.period)) out.push(e.data.period);
  return out;
}

/** The default the server applies: the first period of `scheme` not yet published (null: all are). */
export function defaultEffectiveFrom(scheme: Scheme, published: readonly string[]): string | null {
  return scheme.season.periods.find((p) => !published.includes(p.id))?.id ?? null;
}

/** Published periods of `scheme` that a change taking effect from `from` re-scores, in scheme order. */
export function rescoredPeriods(scheme: Scheme, published: readonly string[], from: string | null): string[] {
  const ids = scheme.season.periods.map((p) => p.id);
  const at = from === null ? -1 : ids.indexOf(from);
  return at < 0 ? [] : ids.slice(at).filter((p) => published.includes(p));
}

function compareRows(a: Record<string, AnyRow> | undefined, b: Record<string, AnyRow> | undefined): RowChange[] {
  const out: RowChange[] = [];
  const ids = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const id of ids) {
    const x = a?.[id];
    const y = b?.[id];
    const oldGrade = x?.grade ?? null;
    const newGrade = y?.grade ?? null;
    if (x && y && x.rank === y.rank && x.score === y.score && oldGrade === newGrade) continue;
    out.push({
      id,
      oldRank: x?.rank ?? null,
      newRank: y?.rank ?? null,
      oldScore: x?.score ?? null,
      newScore: y?.score ?? null,
      rankDelta: x && y ? x.rank - y.rank : null,
      scoreDelta: x && y ? round4(y.score - x.score) : null,
      oldGrade,
      newGrade,
    });
  }
  const size = (r: RowChange) => (r.rankDelta === null ? Infinity : Math.abs(r.rankDelta));
  return out.sort((p, q) => size(q) - size(p) || Math.abs(q.scoreDelta ?? 0) - Math.abs(p.scoreDelta ?? 0) || (p.newRank ?? p.oldRank ?? 0) - (q.newRank ?? q.oldRank ?? 0));
}

/** Board-by-board differences between two standings (unit boards and cadre boards). */
export function compareStandings(before: Standings, after: Standings): { boards: BoardChange[]; boardCount: number } {
  const boards: BoardChange[] = [];
  const unitKeys = new Set([...Object.keys(before.boards), ...Object.keys(after.boards)]);
  for (const key of unitKeys) {
    const ref = parseBoardKey(key);
    if (!ref) continue;
    const a = before.boards[key]?.rows;
    const b = after.boards[key]?.rows;
    const rows = compareRows(a, b);
    if (rows.length) boards.push({ key, ref, status: !a ? 'added' : !b ? 'dropped' : 'changed', rows });
  }
  const cadreKeys = new Set([...Object.keys(before.cadres), ...Object.keys(after.cadres)]);
  for (const key of cadreKeys) {
    const cb = after.cadres[key] ?? before.cadres[key]!;
    const a = before.cadres[key]?.rows;
    const b = after.cadres[key]?.rows;
    const rows = compareRows(a, b);
    if (rows.length) boards.push({ key, ref: { kind: 'cadre', period: cb.period, cadreGroup: cb.cadreGroup }, status: !a ? 'added' : !b ? 'dropped' : 'changed', rows });
  }
  return { boards, boardCount: unitKeys.size + cadreKeys.size };
}

/** What changes when `edited` replaces `saved` from period `effectiveFrom` (null: every period), on the given event log. */
export function computeWhatIf(saved: Scheme, edited: Scheme, events: readonly LogEvent[], before?: Standings, effectiveFrom: string | null = null): WhatIfResult {
  const base = before ?? standingsUnder(saved, events);
  const last = events.at(-1);
  const change = {
    type: 'scheme:changed',
    data: effectiveFrom === null ? { scheme: edited } : { scheme: edited, effectiveFrom },
    seq: (last?.seq ?? 0) + 1,
    at: last?.at ?? '1970-01-01T00:00:00.000Z',
    actor: 'what-if',
  } as LogEvent;
  const next = standingsUnder(saved, [...events, change]);
  const { boards, boardCount } = compareStandings(base, next);
  let schemeSeq = 0;
  for (const e of events) if (e.type === 'scheme:changed') schemeSeq = e.seq;
  const published = publishedPeriods(events);
  return {
    version: last?.seq ?? 0,
    schemeSeq,
    boards,
    boardCount,
    rowCount: boards.reduce((n, b) => n + b.rows.length, 0),
    effectiveFrom,
    published,
    rescored: rescoredPeriods(edited, published, effectiveFrom ?? edited.season.periods[0]?.id ?? null),
  };
}
