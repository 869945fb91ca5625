import { describe, expect, it } from 'vitest';
import {
  batchProblems,
  cellId,
  dirtyDrafts,
  editDraft,
  invalidDrafts,
  isCorrection,
  parseInput,
  problemsByCell,
  toBatchItems,
  withoutSaved,
  type Grid,
} from '../../client/src/views/admin/ops/lib/grid.ts';
import { newEventId, newKey } from '../../client/src/views/admin/ops/lib/keys.ts';

const grid: Grid = {
  version: 10,
  period: 'p1',
  track: 't1',
  indicators: [
    { id: 'inv', name: '投资', unit: '%', method: 'completion', editable: true },
    { id: 'gr', name: '等次', method: 'grade', editable: true },
  ],
  units: [
    { id: 'u1', name: '一镇', group: 'g1' },
    { id: 'u2', name: '二镇', group: 'g1' },
  ],
  cells: { u1: { inv: { value: 80, seq: 3, at: '2026-01-01T00:00:00Z', actor: 'a' } } },
};

let n = 0;
const seqKey = () => `k${++n}`;

describe('parseInput', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['12', 12],
    ['1,234.5', 1234.5],
    ['１２３', 123],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('%j → %j', (s, v) => expect(parseInput(s)).toEqual({ ok: true, value: v }));

  it('refuses text for numeric indicators and accepts grade labels', () => {
    expect(parseInput('abc')).toEqual({ ok: false, reason: 'number' });
    expect(parseInput('12abc')).toEqual({ ok: false, reason: 'number' });
    expect(parseInput(' 优秀 ', 'grade')).toEqual({ ok: true, value: '优秀' });
    expect(parseInput('x'.repeat(21), 'grade')).toEqual({ ok: false, reason: 'label' });
  });
});

describe('drafts and batch items', () => {
  it('marks only cells that differ from the stored value as dirty', () => {
    let d = editDraft(grid, {}, 'u1', 'inv', '80', seqKey);
    expect(d).toEqual({});
    d = editDraft(grid, d, 'u1', 'inv', '85', seqKey);
    d = editDraft(grid, d, 'u2', 'inv', '', seqKey); // empty over empty: nothing
    d = editDraft(grid, d, 'u2', 'gr', '良好', seqKey);
    expect(dirtyDrafts(grid, d).map((x) => cellId(x.unit, x.indicator))).toEqual(['u1/inv', 'u2/gr']);
    // Typing the stored value back clears the mark.
    expect(dirtyDrafts(grid, editDraft(grid, d, 'u1', 'inv', '80.0', seqKey)).map((x) => x.unit)).toEqual(['u2']);
  });

  it('keeps the key while the value is unchanged and renews it when the value changes', () => {
    let d = editDraft(grid, {}, 'u2', 'inv', '5', () => 'a');
    d = editDraft(grid, d, 'u2', 'inv', '5.0', () => 'b');
    expect(d['u2/inv']!.key).toBe('a');
    d = editDraft(grid, d, 'u2', 'inv', '6', () => 'c');
    expect(d['u2/inv']!.key).toBe('c');
  });

  it('keeps invalid input as a dirty draft that is not sent', () => {
    const d = editDraft(grid, {}, 'u2', 'inv', 'abc', seqKey);
    expect(invalidDrafts(grid, d)).toHaveLength(1);
    expect(toBatchItems(grid, d, 'x')).toEqual([]);
  });

  it('sends each cell with its own key, and a reason only for corrections', () => {
    let d = editDraft(grid, {}, 'u1', 'inv', '90', () => 'k-a');
    d = editDraft(grid, d, 'u2', 'inv', '70', () => 'k-b');
    expect(isCorrection(grid, d['u1/inv']!)).toBe(true);
    expect(isCorrection(grid, d['u2/inv']!)).toBe(false);
    expect(toBatchItems(grid, d, ' 统计口径调整 ')).toEqual([
      { key: 'k-a', period: 'p1', unit: 'u1', indicator: 'inv', value: 90, source: 'form', reason: '统计口径调整' },
      { key: 'k-b', period: 'p1', unit: 'u2', indicator: 'inv', value: 70, source: 'form' },
    ]);
  });

  it('withdrawing a stored value is a correction with null', () => {
    const d = editDraft(grid, {}, 'u1', 'inv', '', () => 'k');
    expect(toBatchItems(grid, d, 'r')).toEqual([{ key: 'k', period: 'p1', unit: 'u1', indicator: 'inv', value: null, source: 'form', reason: 'r' }]);
  });

  it('forgets saved drafts only when the key still matches', () => {
    let d = editDraft(grid, {}, 'u2', 'inv', '1', () => 'k1');
    const items = toBatchItems(grid, d, '');
    d = editDraft(grid, d, 'u2', 'gr', '优秀', () => 'k2');
    expect(Object.keys(withoutSaved(d, items))).toEqual(['u2/gr']);
  });
});

describe('refused batches', () => {
  const items = [
    { key: 'a', period: 'p1', unit: 'u1', indicator: 'inv', value: 1, source: 'form' },
    { key: 'b', period: 'p1', unit: 'u2', indicator: 'gr', value: 'x', source: 'form' },
  ];
  it('puts each problem on the cell of its item index', () => {
    const body = { code: 'unknown_grade', message: '…', details: { problems: [{ index: 1, code: 'unknown_grade', path: 'value', zh: '未知等次', en: 'Unknown grade' }, { code: 'x', zh: '整体错误', en: 'whole' }] } };
    expect(problemsByCell(items, batchProblems(body), 'zh-CN')).toEqual({ cells: { 'u2/gr': '未知等次' }, general: ['整体错误'] });
    expect(problemsByCell(items, batchProblems(body), 'en').cells).toEqual({ 'u2/gr': 'Unknown grade' });
  });
  it('reads bodies without problems as none', () => {
    expect(batchProblems(null)).toEqual([]);
    expect(batchProblems({ code: 'x' })).toEqual([]);
  });
});

describe('keys', () => {
  it('are fresh per call and fit the server limits', () => {
    const a = newKey('grid');
    const b = newKey('grid');
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a.startsWith('grid-')).toBe(true);
    expect(newEventId('adj', () => 'ab-cd_ef')).toBe('adj-abcdef');
    expect(newEventId('veto')).toMatch(/^veto-[A-Za-z0-9]{1,20}$/);
  });
});

describe('value ranges in the grid', () => {
  const ranged: Grid = {
    ...grid,
    indicators: [
      { id: 'inv', name: '固定资产投资完成率', unit: '%', method: 'completion', editable: true, range: { min: 0, max: null, integer: false, grades: null } },
      { id: 'proj', name: '新开工项目数', unit: '个', method: 'rank', editable: true, range: { min: 0, max: null, integer: true, grades: null } },
    ],
  };
  it('refuses −50 % before sending, naming the indicator and the range, and leaves it out of the batch', () => {
    const d = editDraft(ranged, {}, 'u2', 'inv', '-50', seqKey);
    const draft = d[cellId('u2', 'inv')]!;
    expect(draft.value).toBeUndefined();
    expect(draft.error?.zh).toBe('指标「固定资产投资完成率」数值 −50 超出允许范围 0–∞（%）');
    expect(draft.error?.en).toBe('Indicator 固定资产投资完成率: value −50 is outside the allowed range 0–∞ (%)');
    expect(invalidDrafts(ranged, d)).toHaveLength(1);
    expect(toBatchItems(ranged, d, '')).toEqual([]);
  });
  it('refuses a fraction of a count and accepts a whole one; empty still withdraws', () => {
    expect(editDraft(ranged, {}, 'u2', 'proj', '2.5', seqKey)[cellId('u2', 'proj')]!.error?.zh).toContain('应为整数');
    const ok = editDraft(ranged, {}, 'u2', 'proj', '3', seqKey);
    expect(ok[cellId('u2', 'proj')]).toMatchObject({ value: 3 });
    expect(ok[cellId('u2', 'proj')]!.error).toBeUndefined();
    const withdraw = editDraft(ranged, {}, 'u1', 'inv', '', seqKey);
    expect(withdraw[cellId('u1', 'inv')]).toMatchObject({ value: null });
  });
});
