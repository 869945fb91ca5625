import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  adjustmentState,
  breakdown,
  breakdownTotals,
  changeInfo,
  effectivePoints,
  fmtPoints,
  gapLines,
  isOpenPenalty,
  itemsOf,
  refId,
  refName,
  trendPoints,
} from '../../client/src/views/unit/standing-logic.ts';
import type { AdjustmentItem, IndicatorLine } from '../../client/src/views/unit/types.ts';
import { workspace } from './unit-fixtures.ts';

describe('unit workspace: points and gaps', () => {
  it.each([
    [2.25, '2.25'],
    [10, '10'],
    [0.1 + 0.2, '0.3'],
    [-0.001, '0'],
    [81.5049, '81.5'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('formats %s as %s', (n, s) => {
    expect(fmtPoints(n)).toBe(s);
  });

  it('says how far behind the unit above and the leader, with their names', () => {
    const x = workspace().tracks[0]!;
    expect(gapLines(x)).toEqual([
      { key: 'unit.gap.aboveNamed', params: { points: '2.25', unit: '东湖镇' } },
      { key: 'unit.gap.leaderNamed', params: { points: '10.5', unit: '西山镇' } },
    ]);
  });

  it('accepts units named by id (contract) or as {id, name} (as served)', () => {
    expect(gapLines({ rank: 3, gapToAbove: 1, gapToLeader: 2, aboveUnit: 'u1', leaderUnit: 'u0' })[0]).toEqual({ key: 'unit.gap.aboveNamed', params: { points: '1', unit: 'u1' } });
    expect(gapLines({ rank: 3, gapToAbove: 1, gapToLeader: 2, aboveUnit: null, leaderUnit: null })).toEqual([
      { key: 'unit.gap.above', params: { points: '1', unit: '' } },
      { key: 'unit.gap.toLeader', params: { points: '2', unit: '' } },
    ]);
    expect(refName({ id: 'a', name: '甲镇' })).toBe('甲镇');
    expect(refName('a')).toBe('a');
    expect(refId({ id: 'g', name: 'G' })).toBe('g');
    expect(refId(null)).toBe('');
  });

  it('says only the gap to the leader when the unit above is the leader', () => {
    expect(gapLines({ rank: 2, gapToAbove: 1, gapToLeader: 1, aboveUnit: { id: 'x', name: '新桥镇' }, leaderUnit: { id: 'x', name: '新桥镇' } })).toEqual([
      { key: 'unit.gap.leaderNamed', params: { points: '1', unit: '新桥镇' } },
    ]);
  });

  it('the leader, a tie with the unit above, a veto and no rank get their own words', () => {
    expect(gapLines({ rank: 1, gapToAbove: null, gapToLeader: null })).toEqual([{ key: 'unit.gap.leader', params: {} }]);
    expect(gapLines({ rank: 3, gapToAbove: 0, gapToLeader: 4, aboveUnit: '乙镇' })[0]).toEqual({ key: 'unit.gap.tied', params: { unit: '乙镇' } });
    expect(gapLines({ rank: 6, gapToAbove: 3, gapToLeader: 9, vetoed: true })).toEqual([{ key: 'unit.gap.vetoed', params: {} }]);
    expect(gapLines({ rank: null, gapToAbove: null, gapToLeader: null })).toEqual([{ key: 'unit.gap.noRank', params: {} }]);
  });

  it('reads 进位 as climbed, fell or unchanged', () => {
    expect(changeInfo(2)).toEqual({ dir: 'up', places: 2 });
    expect(changeInfo(-3)).toEqual({ dir: 'down', places: 3 });
    expect(changeInfo(0)).toEqual({ dir: 'same', places: 0 });
    expect(changeInfo(null)).toEqual({ dir: 'none', places: 0 });
  });
});

describe('unit workspace: 短板', () => {
  const ind = (id: string, points: number, fullMarks: number, lost = fullMarks - points): IndicatorLine => ({ id, name: id, value: 1, points, fullMarks, lost });

  it('orders indicators by points lost and marks the top three with a loss', () => {
    const lines = breakdown(workspace().tracks[0]!.indicators);
    expect(lines.map((l) => [l.id, l.short, l.lossRank, l.percent])).toEqual([
      ['new', true, 1, 73.3],
      ['fai', true, 2, 90],
      ['prog', false, null, 100],
    ]);
  });

  it('breaks ties by the larger share of full marks lost, then by name', () => {
    const lines = breakdown([ind('b', 8, 10), ind('a', 18, 20), ind('c', 8, 10)], 2);
    expect(lines.map((l) => l.id)).toEqual(['b', 'c', 'a']);
    expect(lines.map((l) => l.short)).toEqual([true, true, false]);
  });

  it('derives the loss when the server sends none, and clamps the share to 0–100', () => {
    const [l] = breakdown([{ id: 'x', name: 'x', value: null, points: -2, fullMarks: 10, lost: Number.NaN }]);
    expect(l!.lost).toBe(12);
    expect(l!.percent).toBe(0);
  });

  it('never marks an indicator without loss, and keeps every indicator (property)', () => {
    const arb = fc.array(
      fc.record({ points: fc.integer({ min: 0, max: 50 }), extra: fc.integer({ min: 0, max: 50 }) }).map(({ points, extra }) => ({ points, fullMarks: points + extra })),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 5 }), (xs, top) => {
        const lines = breakdown(xs.map((x, i) => ind(`i${i}`, x.points, x.fullMarks)), top);
        expect(lines).toHaveLength(xs.length);
        for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.lost).toBeGreaterThanOrEqual(lines[i]!.lost);
        expect(lines.filter((l) => l.short).length).toBe(Math.min(top, lines.filter((l) => l.lost > 0).length));
        for (const l of lines) if (l.short) expect(l.lost).toBeGreaterThan(0);
      }),
    );
  });

  it('sums points, full marks and losses', () => {
    expect(breakdownTotals(workspace().tracks[0]!.indicators)).toEqual({ points: 88, fullMarks: 100, lost: 12 });
  });
});

describe('unit workspace: adjustments and waivers', () => {
  const adj = (extra: Partial<AdjustmentItem>): AdjustmentItem => ({ id: 'a', seq: 1, kind: 'deduction', track: 't', points: 4, reason: 'r', revoked: false, waiver: null, ...extra });
  const waiver = (decision: string, points?: number) => ({ decision, reference: 'ref', reasoning: 'why', seq: 9, ...(points === undefined ? {} : { points }) });

  it('says where a deduction stands and what it still counts for', () => {
    expect([adjustmentState(adj({})), effectivePoints(adj({}))]).toEqual(['active', -4]);
    expect([adjustmentState(adj({ revoked: true })), effectivePoints(adj({ revoked: true }))]).toEqual(['revoked', 0]);
    expect([adjustmentState(adj({ waiver: waiver('accepted') })), effectivePoints(adj({ waiver: waiver('accepted') }))]).toEqual(['waived', 0]);
    expect([adjustmentState(adj({ waiver: waiver('partial', 1.5) })), effectivePoints(adj({ waiver: waiver('partial', 1.5) }))]).toEqual(['partlyWaived', -2.5]);
    expect([adjustmentState(adj({ waiver: waiver('clarified') })), effectivePoints(adj({ waiver: waiver('clarified') }))]).toEqual(['cleared', 0]);
    expect(adjustmentState(adj({ waiver: waiver('rejected') }))).toBe('active');
    expect(effectivePoints(adj({ kind: 'bonus', points: 2 }))).toBe(2);
  });

  it('a deduction with a 容错 application not decided yet is pending, not in force, and still counts', () => {
    expect(adjustmentState(adj({}), true)).toBe('pending');
    expect(adjustmentState(adj({ waiver: waiver('rejected') }), true)).toBe('pending');
    expect(adjustmentState(adj({ waiver: waiver('partial', 1) }), true)).toBe('pending');
    // decided or revoked items do not go back to pending
    expect(adjustmentState(adj({ waiver: waiver('accepted') }), true)).toBe('waived');
    expect(adjustmentState(adj({ revoked: true }), true)).toBe('revoked');
    expect(effectivePoints(adj({}))).toBe(-4);
  });

  it('only deductions and vetoes still in force are open to a 容错 application', () => {
    expect(isOpenPenalty(adj({}))).toBe(true);
    expect(isOpenPenalty(adj({ kind: 'bonus' }))).toBe(false);
    expect(isOpenPenalty(adj({ waiver: waiver('accepted') }))).toBe(false);
    expect(isOpenPenalty(adj({ waiver: waiver('partial', 1) }))).toBe(true);
    expect(isOpenPenalty({ id: 'v', seq: 1, track: null, reason: 'r', revoked: false, waiver: null })).toBe(true);
  });
});

describe('unit workspace: items behind a track score', () => {
  it('lists the period\'s bonuses, deductions (waived ones too) and vetoes of the track or of all tracks', () => {
    const w = workspace();
    expect(itemsOf(w, 'proj').map((x) => x.id)).toEqual(['veto-1', 'adj-b', 'adj-d']);
    expect(itemsOf({ ...w, period: { id: 'm02' } }, 'proj').map((x) => x.id)).toEqual(['adj-w']);
    expect(itemsOf({ ...w, adjustments: w.adjustments.map((a) => ({ ...a, revoked: true })) }, 'proj').map((x) => x.id)).toEqual(['veto-1']);
    expect(itemsOf(w, 'other').map((x) => x.id)).toEqual(['veto-1']);
  });
});

describe('unit workspace: trend', () => {
  it('gives overall or one track per period, with gaps where a period has no data', () => {
    const w = workspace();
    expect(trendPoints(w.trend, null).map((p) => [p.label, p.score, p.rank])).toEqual([
      ['1月', 80, 3],
      ['2月', 83, 2],
      ['3月', 84.2, 2],
    ]);
    expect(trendPoints(w.trend, 'proj').map((p) => p.score)).toEqual([78, null, 81.5]);
  });
});
