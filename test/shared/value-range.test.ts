import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/scheme.ts';
import { defaultRange, describeRange, effectiveRange, rangeProblem } from '../../shared/value-range.ts';

type Ind = Pick<Indicator, 'name' | 'measure' | 'method' | 'range'>;
const num = (measure: string, range?: Indicator['range'], kind: 'completion' | 'deduct' = 'completion'): Ind => ({
  name: '完成率',
  measure,
  method: kind === 'deduct' ? { kind: 'deduct', step: 2 } : { kind: 'completion', cap: 1 },
  range,
});
const grade = (range?: Indicator['range']): Ind => ({ name: '人居环境测评', measure: '', method: { kind: 'grade', points: { 优: 15, 良: 12, 中: 9 } }, range });

describe('defaultRange by measure unit', () => {
  it.each([
    ['%', 0, null, false],
    ['％', 0, null, false],
    ['‰', 0, null, false],
    ['件', 0, null, true],
    ['个', 0, null, true],
    ['次', 0, null, true],
    ['起', 0, null, true],
    ['家次', 0, null, true],
    ['万元', null, null, false],
    ['个工作日', null, null, false],
    ['', null, null, false],
  ] as const)('%s → min %s, max %s, integer %s', (measure, min, max, integer) => {
    expect(defaultRange(measure, 'completion')).toEqual({ min, max, integer, grades: null });
  });

  it('counts occurrences for 扣分法 whatever the measure unit', () => {
    expect(defaultRange('万元', 'deduct')).toMatchObject({ min: 0, integer: true });
  });
});

describe('rangeProblem', () => {
  const table: Array<[string, Ind, number | string, string | null, string?]> = [
    ['a −50 % completion rate', num('%'), -50, '指标「完成率」数值 −50 超出允许范围 0–∞（%）', 'Indicator 完成率: value −50 is outside the allowed range 0–∞ (%)'],
    ['0 % is allowed', num('%'), 0, null],
    ['above 100 % is allowed by default', num('%'), 135.5, null],
    ['the scheme caps a percentage at 100', num('%', { max: 100 }), 100.1, '指标「完成率」数值 100.1 超出允许范围 0–100（%）'],
    ['min: null opens the default lower bound', num('%', { min: null }), -12.5, null],
    ['an explicit lower bound', num('%', { min: -100 }), -100.5, '超出允许范围 −100–∞（%）'],
    ['a fraction of a count', num('件'), 2.5, '指标「完成率」数值 2.5 应为整数，允许范围 0–∞（整数，件）', 'Indicator 完成率: value 2.5 must be a whole number, allowed range 0–∞ (whole numbers, 件)'],
    ['a negative count', num('起'), -1, '数值 −1 超出允许范围 0–∞（整数，起）'],
    ['a whole count', num('个'), 12, null],
    ['integer: false allows fractions of a count', num('个', { integer: false }), 2.5, null],
    ['no default for money', num('万元'), -300, null],
    ['text is left to the method check', num('%'), '优', null],
    ['a label of the points table', grade(), '良', null],
    ['a label the range does not allow', grade({ grades: ['优', '良'] }), '中', '指标「人居环境测评」等次「中」不在允许的等次中（可用：优、良）', 'Indicator 人居环境测评: grade "中" is not allowed (allowed: 优, 良)'],
    ['a label outside the points table', grade(), '差', '等次「差」不在允许的等次中（可用：优、良、中）'],
  ];
  it.each(table)('%s', (_rule, ind, value, zh, en) => {
    const p = rangeProblem(ind, value);
    if (zh === null) return expect(p).toBeNull();
    expect(p?.zh).toContain(zh);
    if (en) expect(p?.en).toBe(en);
    // English names the indicator, nothing else in Chinese.
    expect(p?.en).not.toMatch(/超出|整数|允许|等次/u);
  });
});

describe('effectiveRange and describeRange', () => {
  it('lays the scheme fields over the defaults one by one', () => {
    expect(effectiveRange(num('件', { max: 50 }))).toEqual({ min: 0, max: 50, integer: true, grades: null });
    expect(effectiveRange(grade())).toMatchObject({ grades: ['优', '良', '中'] });
  });
  it('describes the range for the grid in both languages', () => {
    expect(describeRange(effectiveRange(num('件')), '件')).toEqual({ zh: '0–∞（整数，件）', en: '0–∞ (whole numbers, 件)' });
    expect(describeRange(effectiveRange(num('')), '')).toEqual({ zh: '−∞–∞', en: '−∞–∞' });
  });
});
