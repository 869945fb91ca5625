import { describe, expect, it } from 'vitest';
import { normalizeMeta } from '../../client/src/lib/meta.ts';
import { boardLabel, diffRows, displaySettings, publications } from '../../client/src/views/admin/ops/lib/publish.ts';
import { adjustProblems, adjustRequest, recordedItems } from '../../client/src/views/admin/ops/lib/adjustments.ts';

const meta = normalizeMeta({
  tracks: [{ id: 'rural', name: '乡村振兴' }],
  groups: [{ id: 'g1', name: '经济强镇组', units: ['u1'], tracks: ['rural'] }],
  units: [{ id: 'u1', name: '城关镇' }],
  cadreGroups: [{ id: 'sec', name: '乡镇党委书记' }],
});

describe('publication', () => {
  it('keeps the latest publication per period', () => {
    const m = publications({ published: [{ period: 'p1', version: 5, at: 'a' }, { period: 'p1', version: 9, at: 'b' }, { period: 'p2', version: 7, at: 'c' }] });
    expect(m.get('p1')!.version).toBe(9);
    expect([...m.keys()]).toEqual(['p1', 'p2']);
    expect(publications(null).size).toBe(0);
  });

  it('reads the difference in any of its shapes', () => {
    const r = { unit: 'u1', publishedRank: 2, liveRank: 1, publishedScore: 80.5, liveScore: 82 };
    const want = [{ board: 'b', ...r }];
    expect(diffRows([{ board: 'b', ...r }])).toEqual(want);
    expect(diffRows({ items: [{ board: 'b', ...r }] })).toEqual(want);
    expect(diffRows({ boards: [{ board: 'b', rows: [r] }] })).toEqual(want);
    expect(diffRows({ boards: { b: [r] } })).toEqual(want);
    expect(diffRows({ boards: [{ board: 'b', rows: [{ unit: 'u2', liveRank: 3 }] }] })).toEqual([{ board: 'b', unit: 'u2', publishedRank: null, liveRank: 3, publishedScore: null, liveScore: null }]);
    expect(diffRows('x')).toEqual([]);
  });

  it('names boards for people', () => {
    const words = { overall: '综合', season: '赛季' };
    expect(boardLabel(meta, 'track|p1|rural|g1', words)).toBe('乡村振兴 · 经济强镇组');
    expect(boardLabel(meta, 'overall|p1|*|g1', words)).toBe('综合 · 经济强镇组');
    expect(boardLabel(meta, 'cadre|p1|sec', words)).toBe('乡镇党委书记');
    expect(boardLabel(meta, 'odd', words)).toBe('odd');
  });

  it('defaults display settings an older server does not send', () => {
    expect(displaySettings({ publicRead: true })).toEqual({ publicRead: true, screenSource: 'live' });
    expect(displaySettings({ publicRead: false, screenSource: 'published' })).toEqual({ publicRead: false, screenSource: 'published' });
  });
});

describe('bonuses, deductions, vetoes', () => {
  const ids = { id: 'adj-1', key: 'k-1' };
  it('checks the form', () => {
    expect(adjustProblems({ kind: 'bonus', unit: '', track: '', points: null, reason: ' ', evidence: [] })).toEqual(['common.unit', 'common.track', 'adjust.points', 'common.reason']);
    expect(adjustProblems({ kind: 'veto', unit: 'u1', track: '', points: null, reason: '事故', evidence: [] })).toEqual([]);
  });
  it('builds the request with the kept id and key', () => {
    expect(adjustRequest({ kind: 'deduction', unit: 'u1', track: 'rural', points: 2, reason: ' 通报批评 ', evidence: ['文号'] }, 'p1', ids)).toEqual({
      path: '/api/adjustments',
      body: { id: 'adj-1', key: 'k-1', period: 'p1', unit: 'u1', reason: '通报批评', evidence: ['文号'], track: 'rural', kind: 'deduction', points: 2 },
    });
    expect(adjustRequest({ kind: 'veto', unit: 'u1', track: '', points: 5, reason: 'r', evidence: [] }, 'p1', ids)).toEqual({
      path: '/api/vetoes',
      body: { id: 'adj-1', key: 'k-1', period: 'p1', unit: 'u1', reason: 'r', evidence: [] },
    });
  });
  it('reads the recorded items of a period from the workspace, vetoes first', () => {
    const ws = {
      adjustments: [
        { id: 'a1', kind: 'deduction' as const, period: 'p1', track: 'rural', points: 2, reason: 'x', evidence: [], revoked: false, waiver: null },
        { id: 'a2', kind: 'bonus' as const, period: 'p0', track: 'rural', points: 1, reason: 'y' },
      ],
      vetoes: [{ id: 'v1', period: 'p1', track: null, reason: 'z', revoked: true }],
    };
    expect(recordedItems(ws, 'p1').map((x) => [x.id, x.kind, x.revoked])).toEqual([
      ['v1', 'veto', true],
      ['a1', 'deduction', false],
    ]);
  });
});

describe('export tables', () => {
  it('reads ids or {id, name}, bare or wrapped', async () => {
    const { exportTables } = await import('../../client/src/views/admin/ops/lib/urls.ts');
    expect(exportTables(['overall', 'cadres'])).toEqual([
      { id: 'overall', name: 'overall' },
      { id: 'cadres', name: 'cadres' },
    ]);
    expect(exportTables({ tables: [{ id: 'rural-g1', name: '乡村振兴 · 经济强镇组' }, { table: 'lists' }, {}] })).toEqual([
      { id: 'rural-g1', name: '乡村振兴 · 经济强镇组' },
      { id: 'lists', name: 'lists' },
    ]);
    expect(exportTables(null)).toEqual([]);
  });
});
