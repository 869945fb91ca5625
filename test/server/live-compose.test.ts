/**
 * The live server composes a window's diffs in place into one accumulator: the result equals
 * composing them pairwise, and the diffs themselves (shared with the diff ring) stay unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeDiff, composeInto, startCompose } from '../../server/live/compose-diff.ts';
import { applyDiff } from '../../shared/standings.ts';
import { diffsOf, tinyBody } from './helpers/tiny-diffs.ts';

describe('composing in place', () => {
  it('equals pairwise composition, leaves the inputs unchanged, and applies like the diffs one by one', () => {
    fc.assert(
      fc.property(fc.array(tinyBody, { maxLength: 6 }), fc.array(tinyBody, { minLength: 2, maxLength: 30 }), (before, burst) => {
        const { start, diffs, end } = diffsOf(before, burst);
        if (diffs.length < 2) return;
        const copies = structuredClone(diffs);
        const acc = diffs.slice(1).reduce(composeInto, startCompose(diffs[0]!));
        expect(diffs).toEqual(copies);
        expect(acc).toEqual(diffs.reduce(composeDiff));
        expect(applyDiff(structuredClone(start), acc)).toEqual(end);
      }),
      { numRuns: 150 },
    );
  });
});
