/** Composed diffs: applying compose(d1…dn) equals applying d1…dn, on diffs from the real engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDiff } from '../../server/live/compose-diff.ts';
import { filterDiff, filterStandings, roomSet } from '../../server/live/room-filter.ts';
import { applyDiff, type Standings, type StandingsDiff } from '../../shared/standings.ts';
import { diffsOf, tinyBody } from './helpers/tiny-diffs.ts';

describe('composeDiff', () => {
  it('composing consecutive engine diffs gives the same standings as applying them one by one', () => {
    fc.assert(
      fc.property(fc.array(tinyBody, { minLength: 1, maxLength: 8 }), fc.array(tinyBody, { minLength: 1, maxLength: 25 }), (before, burst) => {
        const { start, diffs, end } = diffsOf(before, burst);
        if (!diffs.length) return;
        const composed = diffs.reduce(composeDiff);
        expect(applyDiff(structuredClone(start), composed)).toEqual(end);
        // Filtering commutes with composing: what one room receives also adds up.
        const room = roomSet(['group:g1', 'cadres']);
        const mine = filterStandings(start, room);
        expect(applyDiff(mine, filterDiff(composed, room))).toEqual(filterStandings(end, room));
      }),
      { numRuns: 150 },
    );
  });

  it('composes cadre score patches: a cadre set, removed and set again ends as applied one by one', () => {
    const key = 'cadre|m01|sec';
    const start: Standings = {
      version: 1,
      boards: {},
      cadres: { [key]: { period: 'm01', periodIndex: 0, cadreGroup: 'sec', rows: { c1: { score: 80, rank: 1, prevRank: null, change: null }, c2: { score: 70, rank: 2, prevRank: null, change: null } } } },
    };
    const diffs: StandingsDiff[] = [
      { from: 1, to: 2, cadres: { [key]: { ids: ['c2', 'c3'], scores: [90, 60] } } },
      { from: 2, to: 3, cadres: { [key]: { removed: ['c1', 'c3'] } } },
      { from: 3, to: 4, cadres: { [key]: { ids: ['c1', 'c2'], scores: [95, 85] } } },
      { from: 4, to: 5, cadres: { [key]: { ids: ['c2'], scores: [99] } } },
    ];
    const oneByOne = diffs.reduce((s, d) => applyDiff(s, d), structuredClone(start));
    const composed = diffs.reduce(composeDiff);
    expect(applyDiff(structuredClone(start), composed)).toEqual(oneByOne);
    expect(oneByOne.cadres[key]!.rows).toEqual({ c1: { score: 95, rank: 2, prevRank: null, change: null }, c2: { score: 99, rank: 1, prevRank: null, change: null } });
    // each cadre appears once in the composed arrays, with its last score
    expect(composed.cadres![key]).toMatchObject({ ids: ['c2', 'c1'], scores: [99, 95] });
    // the inputs are left as they were (diffs are shared with the diff ring)
    expect(diffs[0]!.cadres![key]).toEqual({ ids: ['c2', 'c3'], scores: [90, 60] });
  });

  it('refuses diffs that do not follow each other', () => {
    expect(() => composeDiff({ from: 1, to: 2 }, { from: 3, to: 4 })).toThrow();
  });
});
