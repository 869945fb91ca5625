import { describe, expect, it } from 'vitest';
import { asOfWhen, choiceKey, emptyReason, groupTracks, latestPeriodWithData, periodsWithData, type BoardChoice } from '../../client/src/board/board-choice.ts';
import { cadrePeriodsWithData } from '../../client/src/board/cadre-rows.ts';
import { normalizeMeta } from '../../client/src/lib/meta.ts';
import type { Standings } from '../../shared/standings.ts';
import { board, row } from './fixtures.ts';

// A county in miniature: towns run both tracks, departments only enterprise service.
const meta = normalizeMeta({
  season: { periods: [{ id: 'm01', name: '1月' }, { id: 'm06', name: '6月' }, { id: 'm12', name: '12月' }] },
  tracks: [{ id: 'rural', name: '乡村振兴' }, { id: 'ent', name: '为企服务' }],
  units: [{ id: 't1', name: '城关镇' }, { id: 'd1', name: '发改委' }],
  groups: [
    { id: 'towns', name: '乡镇组', units: ['t1'], tracks: ['rural', 'ent'] },
    { id: 'depts', name: '县直部门组', units: ['d1'], tracks: ['ent'] },
    { id: 'new', name: '新设组', units: [], tracks: [] },
  ],
  published: [{ period: 'm06', version: 40, at: '2026-07-01T00:00:00Z' }],
});
const choice = (c: Partial<BoardChoice>): BoardChoice => ({ kind: 'track', group: 'depts', track: 'ent', period: 'm06', ...c });
/** Standings with data for the given boards (keys built from choices). */
function standings(...choices: BoardChoice[]): Standings {
  const boards: Standings['boards'] = {};
  for (const c of choices) boards[choiceKey(c)] = board({ d1: row(1, 88) }, choiceKey(c));
  return { version: 40, boards, cadres: {} };
}
// As of the 6月 publication: 1月 and 6月 have data, 12月 not yet.
const asOfJune = standings(choice({ period: 'm01' }), choice({ period: 'm06' }));

describe('board selectors', () => {
  it('offer only the tracks a group runs (every track when it names none)', () => {
    expect(groupTracks(meta, 'depts').map((t) => t.id)).toEqual(['ent']);
    expect(groupTracks(meta, 'towns').map((t) => t.id)).toEqual(['rural', 'ent']);
    expect(groupTracks(meta, 'new').map((t) => t.id)).toEqual(['rural', 'ent']);
  });

  it('offer the periods that have data in the standings shown, in season order', () => {
    expect(periodsWithData(asOfJune, meta, choice({}))).toEqual(['m01', 'm06']);
    expect(latestPeriodWithData(asOfJune, meta, choice({ period: 'm12' }))).toBe('m06');
    expect(periodsWithData(null, meta, choice({}))).toEqual([]);
    // a board whose rows are all 未报送 has no data
    const blank: Standings = { version: 1, boards: { [choiceKey(choice({}))]: board({ d1: row(1, 0, { hasData: false }) }, choiceKey(choice({}))) }, cadres: {} };
    expect(periodsWithData(blank, meta, choice({}))).toEqual([]);
  });

  it('name what the as-of selector stands at', () => {
    expect(asOfWhen(meta, null)).toEqual({ kind: 'live' });
    expect(asOfWhen(meta, 40)).toEqual({ kind: 'published', period: 'm06', version: 40 });
    expect(asOfWhen(meta, 33)).toEqual({ kind: 'version', version: 33 });
  });
});

describe('why a board is empty', () => {
  it('says the group does not run the track and offers the tracks it runs', () => {
    expect(emptyReason(asOfJune, meta, choice({ track: 'rural' }), 0)).toEqual({ kind: 'track-not-run', group: 'depts', track: 'rural', tracks: ['ent'] });
    // the season total of a track the group does not run: same reason
    expect(emptyReason(asOfJune, meta, choice({ kind: 'season', track: 'rural' }), 0)?.kind).toBe('track-not-run');
    // the overall board does not depend on the track
    const overall = standings(choice({ kind: 'overall', period: 'm01' }));
    expect(emptyReason(overall, meta, choice({ kind: 'overall', track: 'rural' }), 0)).toEqual({ kind: 'no-period-data', period: 'm06', latest: 'm01' });
  });

  it('says a period has no data as of the version shown and offers the latest that has', () => {
    expect(emptyReason(asOfJune, meta, choice({ period: 'm12' }), 0)).toEqual({ kind: 'no-period-data', period: 'm12', latest: 'm06' });
    expect(emptyReason(standings(), meta, choice({ period: 'm12' }), 0)).toEqual({ kind: 'no-data', group: 'depts' });
  });

  it('tells filters apart from missing data, and a group without units', () => {
    expect(emptyReason(asOfJune, meta, choice({}), 0)).toEqual({ kind: 'filtered' });
    expect(emptyReason(asOfJune, meta, choice({ group: 'new' }), 0)).toEqual({ kind: 'no-units', group: 'new' });
    expect(emptyReason(null, meta, choice({}), 0)).toEqual({ kind: 'loading' });
  });

  it('gives no reason when rows are shown', () => {
    expect(emptyReason(asOfJune, meta, choice({}), 1)).toBeNull();
    expect(emptyReason(asOfJune, meta, choice({ track: 'rural' }), 3)).toBeNull();
  });
});

describe('cadre periods', () => {
  it('offer the periods with a board for the cadre group', () => {
    const s: Standings = {
      version: 5,
      boards: {},
      cadres: {
        'cadre|m01|sec': { period: 'm01', periodIndex: 0, cadreGroup: 'sec', rows: { c1: { score: 90, rank: 1, prevRank: null, change: null } } },
        'cadre|m06|sec': { period: 'm06', periodIndex: 1, cadreGroup: 'sec', rows: {} },
        'cadre|m12|dep': { period: 'm12', periodIndex: 2, cadreGroup: 'dep', rows: { c2: { score: 80, rank: 1, prevRank: null, change: null } } },
      },
    };
    expect(cadrePeriodsWithData(s, meta, 'sec')).toEqual(['m01']);
    expect(cadrePeriodsWithData(s, meta, 'dep')).toEqual(['m12']);
    expect(cadrePeriodsWithData(null, meta, 'sec')).toEqual([]);
  });
});
