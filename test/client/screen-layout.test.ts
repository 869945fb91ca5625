import { describe, expect, it } from 'vitest';
import { normalizeMeta } from '../../client/src/lib/meta.ts';
import { screenAccess } from '../../client/src/screen/access.ts';
import { fitRows, pageCount, pageLabel, pageSize, pageSlice } from '../../client/src/screen/pager.ts';
import { barLayout, MIN_BAR_ROW, quadGrid, quadTracks } from '../../client/src/screen/quad.ts';
import { initialTicker, rankMove, scoreDelta, tickerItems, tickerParts, type TickerItem, type TickerWords } from '../../client/src/screen/ticker.ts';
import { row, standingsAt } from './fixtures.ts';

const meta = normalizeMeta({
  tracks: [
    { id: 'rural', name: '乡村振兴' },
    { id: 'proj', name: '项目建设', light: { mode: 'progress', indicator: 'P03', red: 30, yellow: 10 }, indicators: [{ code: 'P03', name: '项目投资完成率' }] },
    { id: 'ent', name: '为企服务' },
    { id: 'gov', name: '基层治理', light: { mode: 'score', redBelow: 70, yellowBelow: 80 } },
    { id: 'x', name: '第五赛道' },
  ],
  groups: [
    { id: 'towns', name: '乡镇组', units: ['a'], tracks: ['rural', 'proj', 'ent', 'gov', 'x'] },
    { id: 'dept', name: '县直部门组', units: ['b'], tracks: ['ent', 'gov'] },
  ],
  units: [{ id: 'a', name: '城关镇' }],
  rules: { light: { mode: 'rank', redShare: 0.1, yellowShare: 0.2 } },
});

describe('paging', () => {
  it('fits rows, splits evenly, wraps pages', () => {
    expect(fitRows(340, 34)).toBe(10);
    expect(fitRows(10, 34)).toBe(1);
    expect(pageSize(6, 10)).toBe(6);
    expect(pageSize(20, 12)).toBe(10);
    expect(pageSize(20, 7)).toBe(7);
    expect(pageCount(20, 7)).toBe(3);
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(pageSlice(items, 2, 7)).toEqual([14, 15, 16, 17, 18, 19]);
    expect(pageSlice(items, 3, 7)).toEqual(items.slice(0, 7));
    expect(pageLabel(0, 3)).toBe('1/3');
    expect(pageLabel(0, 1)).toBe('');
  });

  it('sizes bar races so that every bar has room for its name, paging the rest', () => {
    // Single view, 20 departments: all on one page at a legible size.
    expect(barLayout(780, 20)).toEqual({ per: 20, pages: 1, fontSize: 20 });
    // A 2 × 2 quad panel: two pages of ten.
    const quad = barLayout(340, 20);
    expect(quad.pages).toBe(2);
    expect(340 / quad.per).toBeGreaterThanOrEqual(MIN_BAR_ROW);
    // 50 bars never squeeze below the minimum row.
    const big = barLayout(780, 50);
    expect(780 / big.per).toBeGreaterThanOrEqual(MIN_BAR_ROW);
    expect(big.per * big.pages).toBeGreaterThanOrEqual(50);
  });
});

describe('quad view', () => {
  it('shows the tracks a group runs, laid out for their number', () => {
    expect(quadTracks(meta, 'towns')).toEqual(['rural', 'proj', 'ent', 'gov']);
    expect(quadTracks(meta, 'dept')).toEqual(['ent', 'gov']);
    expect(quadGrid(1)).toEqual({ cols: 1, rows: 1 });
    expect(quadGrid(2)).toEqual({ cols: 2, rows: 1 });
    expect(quadGrid(3)).toEqual({ cols: 3, rows: 1 });
    expect(quadGrid(4)).toEqual({ cols: 2, rows: 2 });
  });
});

describe('light rules in the meta', () => {
  it('takes the track rule, else the race rule, naming a progress indicator', () => {
    expect(meta.tracks.find((t) => t.id === 'proj')!.light).toEqual({ mode: 'progress', indicator: 'P03', indicatorName: '项目投资完成率', red: 30, yellow: 10 });
    expect(meta.tracks.find((t) => t.id === 'gov')!.light).toEqual({ mode: 'score', redBelow: 70, yellowBelow: 80 });
    expect(meta.tracks.find((t) => t.id === 'rural')!.light).toEqual({ mode: 'rank', redShare: 0.1, yellowShare: 0.2 });
    // The server's meta already names the indicator.
    const served = normalizeMeta({ tracks: [{ id: 'p', name: 'P', light: { mode: 'progress', indicator: 'P03', indicatorName: '完成率', red: 30, yellow: 10 } }] });
    expect(served.tracks[0]!.light).toMatchObject({ indicatorName: '完成率' });
  });
});

describe('display access', () => {
  it('tells an invalid token from a missing one, and clears once subscribed', () => {
    expect(screenAccess({ hasToken: true, tokenRefused: true, subscribeError: null })).toBe('invalid');
    expect(screenAccess({ hasToken: true, tokenRefused: false, subscribeError: 'forbidden' })).toBe('invalid');
    expect(screenAccess({ hasToken: false, tokenRefused: false, subscribeError: 'unauthenticated' })).toBe('missing');
    expect(screenAccess({ hasToken: false, tokenRefused: false, subscribeError: 'forbidden' })).toBe('missing');
    expect(screenAccess({ hasToken: false, tokenRefused: false, subscribeError: null })).toBe('ok');
    // A timeout or a server error is not a bad link: the screen keeps the last standings.
    expect(screenAccess({ hasToken: true, tokenRefused: false, subscribeError: 'internal' })).toBe('ok');
  });
});

describe('ticker', () => {
  const words: TickerWords = { unit: '县财政局', track: '基层治理', rank: (n) => `第${n}`, points: (d) => `${d} 分`, sincePrev: '较上期', first: '首次得分' };
  const item = (over: Partial<TickerItem>): TickerItem => ({ id: 1, kind: 'rose', unit: 'a', track: 'gov', group: 'dept', rank: 3, fromRank: 5, score: 81.5, fromScore: 80, at: 0, ...over });

  it('reports the change: rank move and score delta', () => {
    expect(scoreDelta(80, 81.5)).toBe('+1.50');
    expect(scoreDelta(81.5, 80.25)).toBe('−1.25');
    expect(scoreDelta(80, 80)).toBe('±0.00');
    expect(rankMove(5, 3)).toBe('↑2');
    expect(rankMove(3, 4)).toBe('↓1');
    expect(rankMove(3, 3)).toBe('');
    expect(rankMove(null, 3)).toBe('');
    expect(tickerParts(item({}), words)).toEqual(['县财政局 基层治理', '↑2 第3', '+1.50 分']);
    expect(tickerParts(item({ kind: 'arrived', fromRank: 3, score: 82 }), words)).toEqual(['县财政局 基层治理', '第3', '+2.00 分']);
    expect(tickerParts(item({ kind: 'arrived', fromRank: null, fromScore: null }), words)).toEqual(['县财政局 基层治理', '第3', '首次得分 81.50']);
    expect(tickerParts(item({ sincePrev: true, fromScore: null }), words)).toEqual(['县财政局 基层治理', '较上期 ↑2', '第3']);
  });

  it('keeps the score change of a live move', () => {
    let id = 0;
    const [it0] = tickerItems([{ board: 'track|m01|gov|dept', unit: 'a', fromRank: 5, toRank: 3, fromScore: 80, toScore: 81.5 }], 'm01', 5, () => ++id);
    expect(it0).toMatchObject({ kind: 'rose', fromRank: 5, rank: 3, fromScore: 80, score: 81.5 });
  });

  it('starts with the latest moves against the previous period, biggest first', () => {
    const s = standingsAt(7, {
      a: row(1, 90, { prevRank: 2, change: 1 }),
      b: row(2, 85, { prevRank: 6, change: 4 }),
      c: row(3, 80, { prevRank: 3, change: 0 }),
      d: row(4, 70, { prevRank: 1, change: -3 }),
      e: row(5, 60, { prevRank: null, change: null }),
    });
    let id = 0;
    const items = initialTicker(s, 'm01', [{ group: 'towns', track: 'proj' }], 9, () => ++id);
    expect(items.map((i) => [i.unit, i.kind, i.fromRank, i.rank, i.sincePrev])).toEqual([
      ['b', 'rose', 6, 2, true],
      ['d', 'fell', 1, 4, true],
      ['a', 'rose', 2, 1, true],
    ]);
    expect(initialTicker(s, 'm01', [{ group: 'towns', track: 'other' }], 9, () => ++id)).toEqual([]);
    expect(initialTicker(null, 'm01', [{ group: 'towns', track: 'proj' }], 9, () => ++id)).toEqual([]);
  });
});
