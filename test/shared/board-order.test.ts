import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOrder, displayOrder, reinsert } from '../../shared/engine/board-order.ts';

/** A board in display order, then some entries' scores and vetoes changed. */
const boardArb = fc.integer({ min: 1, max: 300 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // narrow ranges make ties in score (broken by code order)
    scores: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }),
    vetoed: fc.array(fc.integer({ min: 0, max: 6 }).map((x) => x === 0), { minLength: n, maxLength: n }),
    codes: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
    changes: fc.array(fc.record({ at: fc.nat(n - 1), score: fc.integer({ min: -50, max: 50 }), vetoed: fc.boolean() }), { minLength: 1, maxLength: 12 }),
  }),
);

describe('board order', () => {
  it('re-inserting the changed entries gives the order a full sort gives', () => {
    fc.assert(
      fc.property(boardArb, ({ n, scores, vetoed, codes, changes }) => {
        const score = Int32Array.from(scores);
        const veto = Uint8Array.from(vetoed.map(Number));
        const co = codeOrder(codes);
        const order = new Int32Array(n);
        const pos = new Int32Array(n);
        displayOrder(n, score, veto, co, order, pos);
        for (const c of changes) {
          score[c.at] = c.score;
          veto[c.at] = Number(c.vetoed);
        }
        // a mover may be recorded more than once
        reinsert(n, score, veto, co, order, pos, changes.map((c) => c.at));
        const wantOrder = new Int32Array(n);
        const wantPos = new Int32Array(n);
        displayOrder(n, score, veto, co, wantOrder, wantPos);
        expect([...order]).toEqual([...wantOrder]);
        expect([...pos]).toEqual([...wantPos]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
