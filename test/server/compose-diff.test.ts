/** Composed diffs: applying compose(d1…dn) equals applying d1…dn, on diffs from the real engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDiff } from '../../server/live/compose-diff.ts';
import { filterDiff, filterStandings, roomSet } from '../../server/live/room-filter.ts';
import { applyDiff } from '../../shared/standings.ts';
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

  it('refuses diffs that do not follow each other', () => {
    expect(() => composeDiff({ from: 1, to: 2 }, { from: 3, to: 4 })).toThrow();
  });
});
