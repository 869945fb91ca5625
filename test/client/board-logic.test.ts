import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scrollToRow, visibleRange } from '../../client/src/board/virtual.ts';
import { tableRows } from '../../client/src/board/table-rows.ts';
import { cadreTrend, unitTrend } from '../../client/src/board/trend-points.ts';
import type { CadreBoard, Standings } from '../../shared/standings.ts';
import { board, row } from './fixtures.ts';

describe('virtual list window', () => {
  it('renders the rows in view plus overscan', () => {
    expect(visibleRange(0, 400, 40, 10_000, 5)).toEqual({ start: 0, end: 16, padTop: 0, padBottom: (10_000 - 16) * 40 });
    expect(visibleRange(4000, 400, 40, 10_000, 5)).toMatchObject({ start: 95, end: 116 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('always covers the viewport and keeps the total height', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 100 }), fc.nat(20_000), (top, vp, h, count) => {
        const r = visibleRange(top, vp, h, count);
        expect(r.padTop + (r.end - r.start) * h + r.padBottom).toBe(count * h);
        const firstVisible = Math.floor(top / h);
        if (firstVisible < count) expect(r.start).toBeLessThanOrEqual(firstVisible);
        expect(r.end).toBeGreaterThanOrEqual(Math.min(count, Math.ceil((top + vp) / h)));
      }),
    );
  });

  it('scrolls a row into view', () => {
    expect(scrollToRow(0, 400, 400, 40)).toBe(0);
    expect(scrollToRow(30, 0, 400, 40)).toBe(840);
    expect(scrollToRow(5, 0, 400, 40)).toBe(0);
  });
});

describe('table rows', () => {
  const b = board({ a: row(2, 80, { flag: 'yellow', light: 'red' }), b: row(1, 90, { flag: 'red', light: 'green' }), c: row(3, 70, { warning: true, vetoed: true, light: 'red' }) });
  const names: Record<string, string> = { a: '城关镇', b: 'ＡＢＣ Town', c: '河口镇' };
  const name = (id: string): string => names[id] ?? id;

  it('orders by rank and filters', () => {
    expect(tableRows(b, name, { search: '', filter: 'all', light: 'all' }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(tableRows(b, name, { search: 'abc', filter: 'all', light: 'all' }).map((r) => r.id)).toEqual(['b']);
    expect(tableRows(b, name, { search: '河口', filter: 'all', light: 'all' }).map((r) => r.id)).toEqual(['c']);
    expect(tableRows(b, name, { search: '', filter: 'flags', light: 'all' }).map((r) => r.id)).toEqual(['b', 'a']);
    expect(tableRows(b, name, { search: '', filter: 'warnings', light: 'all' }).map((r) => r.id)).toEqual(['c']);
    expect(tableRows(b, name, { search: '', filter: 'all', light: 'red' }).map((r) => r.id)).toEqual(['a', 'c']);
    expect(tableRows(undefined, name, { search: '', filter: 'all', light: 'all' })).toEqual([]);
  });
});

describe('trends', () => {
  it('reads a unit across periods with gaps', () => {
    const s: Standings = {
      version: 3,
      boards: {
        'track|m1|proj|g': board({ a: row(2, 80) }, 'track|m1|proj|g'),
        'track|m3|proj|g': board({ a: row(1, 95), b: row(2, 0, { hasData: false }) }, 'track|m3|proj|g'),
        'overall|m1|*|g': board({ a: row(1, 88) }, 'overall|m1|*|g'),
      },
      cadres: { 'cadre|m1|sec': { period: 'm1', periodIndex: 0, cadreGroup: 'sec', rows: { c1: { score: 91, rank: 1, prevRank: null, change: null } } } as CadreBoard },
    };
    const periods = ['m1', 'm2', 'm3'].map((id) => ({ id, name: id, kind: 'month' }));
    expect(unitTrend(s, periods, 'proj', 'g', 'a').map((p) => [p.score, p.rank])).toEqual([
      [80, 2],
      [null, null],
      [95, 1],
    ]);
    expect(unitTrend(s, periods, 'proj', 'g', 'b')[2]).toEqual({ label: 'm3', score: null, rank: null });
    expect(unitTrend(s, periods, null, 'g', 'a')[0]?.score).toBe(88);
    expect(cadreTrend(s, periods, 'sec', 'c1')[0]).toEqual({ label: 'm1', score: 91, rank: 1 });
  });
});
