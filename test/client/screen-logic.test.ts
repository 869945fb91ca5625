import { describe, expect, it } from 'vitest';
import { normalizeMeta } from '../../client/src/lib/meta.ts';
import { backoffDelay } from '../../client/src/lib/backoff.ts';
import { parseScreenParams } from '../../client/src/screen/params.ts';
import { nextSlide, slides } from '../../client/src/screen/rotation.ts';
import { pushTicker, tickerItems } from '../../client/src/screen/ticker.ts';
import { livePeriod, slideKey } from '../../client/src/screen/boards.ts';
import { standingsAt } from './fixtures.ts';

const meta = normalizeMeta({
  name: '2026年度一线赛马',
  season: { id: 's2026', name: '2026年度', periods: [{ id: 'm01', name: '1月', kind: 'month' }, { id: 'm02', name: '2月', kind: 'month' }], currentPeriod: 'm02' },
  tracks: [{ id: 'rural', name: '乡村振兴' }, { id: 'proj', name: '项目建设' }],
  groups: [
    { id: 'towns', name: '乡镇组', units: ['a', 'b'], tracks: ['rural', 'proj'] },
    { id: 'depts', name: '部门组', units: ['c'], tracks: ['proj'] },
  ],
  units: [{ id: 'a', name: '城关镇' }, { id: 'b', name: '河口镇' }, { id: 'c', name: '发改委', kind: 'department' }],
});

describe('screen parameters', () => {
  it('has defaults and clamps bad values', () => {
    expect(parseScreenParams('')).toMatchObject({ interval: 20, tracks: [], groups: [], view: 'single', mode: 'live', top: 20, scope: 'period' });
    const p = parseScreenParams('?interval=1&tracks=proj,overall,<x>&groups=towns&panels=lists,bogus&view=quad&top=99&mode=replay&scope=season');
    expect(p).toMatchObject({ interval: 5, tracks: ['proj', 'overall'], groups: ['towns'], panels: ['lists'], view: 'quad', top: 50, mode: 'replay', scope: 'season' });
    expect(parseScreenParams('?interval=abc').interval).toBe(20);
  });
});

describe('rotation', () => {
  it('cycles groups × tracks, honouring the parameters', () => {
    expect(slides(meta, parseScreenParams(''))).toEqual([
      { group: 'towns', track: 'rural' },
      { group: 'towns', track: 'proj' },
      { group: 'depts', track: 'proj' },
    ]);
    expect(slides(meta, parseScreenParams('?tracks=overall,proj&groups=depts,nope'))).toEqual([
      { group: 'depts', track: null },
      { group: 'depts', track: 'proj' },
    ]);
    expect(slides(meta, parseScreenParams('?view=quad'))).toHaveLength(2);
    expect(nextSlide(2, 3)).toBe(0);
    expect(nextSlide(0, 3, -1)).toBe(2);
    expect(nextSlide(5, 0)).toBe(0);
  });
});

describe('boards and periods', () => {
  it('picks the current period when it has data, else the latest with data', () => {
    expect(livePeriod(meta, standingsAt(1))).toBe('m01');
    expect(livePeriod(meta, null)).toBe('m02');
    expect(livePeriod(meta, standingsAt(1), 'm02')).toBe('m02');
    expect(slideKey({ group: 'towns', track: 'proj' }, 'm01', 'period')).toBe('track|m01|proj|towns');
    expect(slideKey({ group: 'towns', track: null }, 'm01', 'period')).toBe('overall|m01|*|towns');
    expect(slideKey({ group: 'towns', track: 'proj' }, 'm01', 'season')).toBe('season|*|proj|towns');
  });
});

describe('ticker', () => {
  it('reports climbs first, then arrivals, then falls, for the period on screen', () => {
    let id = 0;
    const items = tickerItems(
      [
        { board: 'track|m01|proj|towns', unit: 'a', fromRank: 1, toRank: 2, fromScore: 90, toScore: 90 },
        { board: 'track|m01|proj|towns', unit: 'b', fromRank: 2, toRank: 1, fromScore: 80, toScore: 95 },
        { board: 'track|m01|rural|towns', unit: 'c', fromRank: 3, toRank: 3, fromScore: 70, toScore: 71 },
        { board: 'overall|m01|*|towns', unit: 'b', fromRank: 2, toRank: 1, fromScore: 80, toScore: 95 },
        { board: 'track|m00|proj|towns', unit: 'b', fromRank: 2, toRank: 1, fromScore: 80, toScore: 95 },
      ],
      'm01',
      1000,
      () => ++id,
    );
    expect(items.map((i) => [i.kind, i.unit, i.track, i.rank])).toEqual([
      ['rose', 'b', 'proj', 1],
      ['arrived', 'c', 'rural', 3],
      ['fell', 'a', 'proj', 2],
    ]);
    expect(pushTicker(items, items, 4)).toHaveLength(4);
  });
});

describe('backoff', () => {
  it('grows, is jittered and capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(50, () => 1)).toBe(30_000);
    expect(backoffDelay(50, () => 0.5)).toBeLessThan(30_000);
  });
});
