/**
 * What the /board selectors may offer and why a board is empty. A group runs only some tracks,
 * and standings as of a past version hold only the periods that had data by then; the
 * selectors offer those combinations, and an empty table says which rule emptied it and
 * what to choose instead.
 */
import { boardKey, type Board, type BoardKind, type Standings } from '../../../shared/standings.ts';
import type { Meta } from '../lib/meta.ts';

export interface BoardChoice {
  kind: BoardKind;
  group: string;
  track: string;
  period: string;
}

/** Why the table is empty, with what the user can pick instead. */
export type EmptyReason =
  | { kind: 'loading' }
  | { kind: 'no-units'; group: string }
  /** The group does not compete on this track; `tracks` are the ones it runs. */
  | { kind: 'track-not-run'; group: string; track: string; tracks: string[] }
  /** No board for this period in the standings shown; `latest` is the last period that has one. */
  | { kind: 'no-period-data'; period: string; latest: string | null }
  | { kind: 'no-data'; group: string }
  /** Rows exist but the search or filters hide all of them. */
  | { kind: 'filtered' };

export const needsTrack = (kind: BoardKind): boolean => kind === 'track' || kind === 'season';
export const needsPeriod = (kind: BoardKind): boolean => kind === 'track' || kind === 'overall';

/** Tracks a group runs, in scheme order (a group that names none runs every track). */
export function groupTracks(meta: Meta, group: string): Array<{ id: string; name: string }> {
  const g = meta.groups.find((x) => x.id === group);
  return meta.tracks.filter((x) => !g?.tracks.length || g.tracks.includes(x.id));
}

export function runsTrack(meta: Meta, group: string, track: string): boolean {
  return groupTracks(meta, group).some((x) => x.id === track);
}

/** Key of the board a choice shows. */
export function choiceKey(c: BoardChoice): string {
  return boardKey({ kind: c.kind, period: needsPeriod(c.kind) ? c.period : null, track: needsTrack(c.kind) ? c.track : null, group: c.group });
}

const hasData = (b: Board | undefined): boolean => !!b && Object.values(b.rows).some((r) => r.hasData);

/** Periods (ids, in season order) whose board for this kind, group and track has data. */
export function periodsWithData(s: Standings | null, meta: Meta, c: BoardChoice): string[] {
  if (!s) return [];
  return meta.periods.filter((p) => hasData(s.boards[choiceKey({ ...c, period: p.id })])).map((p) => p.id);
}

/** The latest period with data for the choice (null: none yet). */
export function latestPeriodWithData(s: Standings | null, meta: Meta, c: BoardChoice): string | null {
  return periodsWithData(s, meta, c).at(-1) ?? null;
}

/**
 * Why a choice shows no rows, or null when it shows some. `shown` is the number of rows left
 * after search and filters. Checked in the order a person would fix them: the group, the
 * track, the period, then the filters.
 */
export function emptyReason(s: Standings | null, meta: Meta, c: BoardChoice, shown: number): EmptyReason | null {
  if (shown > 0) return null;
  if (!s) return { kind: 'loading' };
  const g = meta.groups.find((x) => x.id === c.group);
  if (g && !g.units.length) return { kind: 'no-units', group: c.group };
  if (needsTrack(c.kind) && !runsTrack(meta, c.group, c.track)) {
    return { kind: 'track-not-run', group: c.group, track: c.track, tracks: groupTracks(meta, c.group).map((x) => x.id) };
  }
  const b = s.boards[choiceKey(c)];
  if (hasData(b)) return { kind: 'filtered' };
  if (!needsPeriod(c.kind)) return { kind: 'no-data', group: c.group };
  const latest = latestPeriodWithData(s, meta, c);
  return latest ? { kind: 'no-period-data', period: c.period, latest } : { kind: 'no-data', group: c.group };
}


/** What the as-of selector stands at: live, a published period's snapshot, or a version typed in. */
export type AsOfWhen = { kind: 'live' } | { kind: 'published'; period: string; version: number } | { kind: 'version'; version: number };

export function asOfWhen(meta: Meta, asOf: number | null): AsOfWhen {
  if (asOf === null) return { kind: 'live' };
  const p = meta.published.find((x) => x.version === asOf);
  return p ? { kind: 'published', period: p.period, version: asOf } : { kind: 'version', version: asOf };
}
