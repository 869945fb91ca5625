/**
 * Hand-computed table tests for the rules above the methods (SPEC §4): missing-value policies,
 * bonus/deduction caps, vetoes and waivers, ties, rank change, season totals, overall, grades with
 * quotas, flags, lists, warnings, lights and cadre scores. Each runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import type { EventBody } from '../../shared/events.ts';
import { computeStandings, createEngine } from '../../shared/engine/index.ts';
import type { SchemeInput } from '../../shared/scheme.ts';
import { SchemeSchema } from '../../shared/scheme.ts';
import type { Row } from '../../shared/standings.ts';
import { toLog } from './arbitraries.ts';

const base: SchemeInput = {
  name: '测试',
  season: {
    id: 'S',
    name: '2026',
    periods: [
      { id: 'M1', name: '1月', kind: 'month', weight: 1, expectedProgress: 50 },
      { id: 'M2', name: '2月', kind: 'month', weight: 1, expectedProgress: 100 },
      { id: 'Y', name: '年终', kind: 'year-end', weight: 2 },
    ],
  },
  tracks: [
    {
      id: 'T',
      name: '项目建设',
      weight: 3,
      bonusCap: 5,
      deductionCap: 8,
      indicators: [
        { code: 'A', name: '投资完成率', fullMarks: 60, method: { kind: 'completion' }, target: 100, missing: 'zero' },
        { code: 'B', name: '安全事故', fullMarks: 40, method: { kind: 'deduct', step: 10 }, missing: 'exclude' },
      ],
    },
    {
      id: 'R',
      name: '乡村振兴',
      weight: 1,
      light: { mode: 'progress', indicator: 'P', red: 30, yellow: 10 },
      indicators: [{ code: 'P', name: '序时进度', fullMarks: 100, method: { kind: 'completion' }, target: 100, missing: 'carry' }],
    },
  ],
  groups: [{ id: 'G', name: '经济强镇组', units: ['U1', 'U2', 'U3', 'U4'], tracks: ['T', 'R'] }],
  units: ['U1', 'U2', 'U3', 'U4'].map((id) => ({ id, name: `${id}镇` })),
  cadreGroups: [{ id: 'SEC', name: '乡镇党委书记' }],
  cadres: [
    { id: 'C1', name: '张三', unit: 'U1', group: 'SEC', responsibilities: [{ track: 'T', unit: 'U1', share: 1 }] },
    { id: 'C2', name: '李四', unit: 'U2', group: 'SEC', responsibilities: [] },
  ],
  raterGroups: [
    { id: 'sup', name: '上级', weight: 0.6 },
    { id: 'peer', name: '同级', weight: 0.4 },
  ],
  rules: { redList: 1, blackList: 1, warningAfter: 2, light: { mode: 'rank', redShare: 0.25, yellowShare: 0.25 } },
};

const v = (period: string, unit: string, indicator: string, value: number | string | null): EventBody => ({ type: 'value:recorded', data: { period, unit, indicator, value } });

/** Standings after the events, checked to be the same on both engines. */
function run(events: EventBody[], scheme: SchemeInput = base) {
  const s = SchemeSchema.parse(scheme);
  const log = toLog(events);
  const engine = createEngine(s);
  for (const e of log) {
    const p = engine.checkEvent(e);
    if (p) throw new Error(`${e.type}: ${p.zh}`);
    engine.apply(e);
  }
  const st = engine.standings();
  expect(st).toEqual(computeStandings(s, log));
  const row = (key: string, unit: string): Row => st.boards[key]!.rows[unit]!;
  return { st, engine, row };
}

const m1 = [v('M1', 'U1', 'A', 100), v('M1', 'U1', 'B', 0), v('M1', 'U2', 'A', 90), v('M1', 'U2', 'B', 1), v('M1', 'U3', 'A', 90)];
const T1 = 'track|M1|T|G';

describe('track score', () => {
  it('sums points; zero policy gives 0, exclude rescales by ΣF_all/ΣF_present', () => {
    const { row, engine } = run(m1);
    expect(row(T1, 'U1')).toMatchObject({ score: 100, rank: 1, hasData: true });
    expect(row(T1, 'U2')).toMatchObject({ score: 84, rank: 3 }); // 54 + 30
    expect(row(T1, 'U3')).toMatchObject({ score: 90, rank: 2 }); // 54 · 100/60
    expect(row(T1, 'U4')).toMatchObject({ score: 0, rank: 4, hasData: false });
    const x = engine.explainUnit('M1', 'T', 'U3')!;
    expect(x.parts.map((p) => [p.kind, p.points])).toEqual([
      ['indicator', 54],
      ['indicator', 0],
      ['scale', 36],
    ]);
    expect(x.parts[1]).toMatchObject({ status: 'missing', excluded: true });
  });

  it('bonus is capped; deductions are capped; waivers lift all or part of a deduction', () => {
    const adj = (id: string, unit: string, kind: 'bonus' | 'deduction', points: number): EventBody => ({
      type: 'adjustment:recorded',
      data: { id, period: 'M1', unit, track: 'T', kind, points, reason: '测试', evidence: [] },
    });
    expect(run([...m1, adj('b1', 'U2', 'bonus', 3)]).row(T1, 'U2').score).toBe(87);
    expect(run([...m1, adj('b1', 'U2', 'bonus', 3), adj('b2', 'U2', 'bonus', 4)]).row(T1, 'U2').score).toBe(89); // cap 5
    expect(run([...m1, adj('d1', 'U1', 'deduction', 6), adj('d2', 'U1', 'deduction', 6)]).row(T1, 'U1').score).toBe(92); // cap 8
    const w = (decision: 'accepted' | 'partial' | 'rejected' | 'clarified', points?: number): EventBody => ({
      type: 'waiver:decided',
      data: { target: 'd1', decision, points, reference: '容错〔2026〕3号', reasoning: '符合三个区分开来' },
    });
    const d = [...m1, adj('d1', 'U1', 'deduction', 2)];
    expect(run(d).row(T1, 'U1').score).toBe(98);
    expect(run([...d, w('partial', 1.5)]).row(T1, 'U1').score).toBe(99.5);
    expect(run([...d, w('accepted')]).row(T1, 'U1').score).toBe(100);
    expect(run([...d, w('clarified')]).row(T1, 'U1').score).toBe(100);
    expect(run([...d, w('rejected')]).row(T1, 'U1').score).toBe(98);
    const x = run([...d, w('partial', 1.5)]).engine.explainUnit('M1', 'T', 'U1')!;
    expect(x.parts.at(-1)).toMatchObject({ kind: 'deduction', points: -0.5, items: [{ id: 'd1', points: 2, waived: 1.5, decision: 'partial', reference: '容错〔2026〕3号' }] });
  });

  it('a veto ranks the unit below every non-vetoed unit, bars 优秀 and the red flag; an accepted waiver lifts it', () => {
    const veto: EventBody = { type: 'veto:recorded', data: { id: 'v1', period: 'M1', unit: 'U1', reason: '发生较大安全生产事故', evidence: [] } };
    const { row } = run([...m1, veto]);
    expect(row(T1, 'U1')).toMatchObject({ score: 100, rank: 4, vetoed: true, flag: 'yellow', grade: '良好' });
    expect(row(T1, 'U3')).toMatchObject({ rank: 1, flag: 'red' });
    expect(row(T1, 'U4')).toMatchObject({ rank: 3, flag: null });
    // veto without a track applies to every track and to the overall
    expect(row('overall|M1|*|G', 'U1').vetoed).toBe(true);
    const lifted = run([...m1, veto, { type: 'waiver:decided', data: { target: 'v1', decision: 'accepted', reference: '容〔2026〕1号', reasoning: '先行先试' } }]);
    expect(lifted.row(T1, 'U1')).toMatchObject({ rank: 1, vetoed: false, flag: 'red' });
  });
});

describe('ranking', () => {
  it('ties share a rank (1,2,2,4) after rounding to 4 decimals; equal scores are listed by unit code', () => {
    const { row, st } = run([v('M1', 'U4', 'A', 90), v('M1', 'U2', 'A', 90), v('M1', 'U1', 'A', 100), v('M1', 'U3', 'A', 10)]);
    expect(['U1', 'U2', 'U3', 'U4'].map((u) => row(T1, u).rank)).toEqual([1, 2, 4, 2]);
    const order = Object.entries(st.boards[T1]!.rows)
      .sort((a, b) => a[1].rank - b[1].rank || (a[0] < b[0] ? -1 : 1))
      .map(([u]) => u);
    expect(order).toEqual(['U1', 'U2', 'U4', 'U3']);
  });

  it('rank change (进位) is against the previous period', () => {
    const { row } = run([...m1, v('M2', 'U4', 'A', 100), v('M2', 'U4', 'B', 0), v('M2', 'U1', 'A', 10)]);
    expect(row('track|M2|T|G', 'U4')).toMatchObject({ rank: 1, prevRank: 4, change: 3 });
    expect(row('track|M2|T|G', 'U1')).toMatchObject({ prevRank: 1 });
    expect(row(T1, 'U4')).toMatchObject({ prevRank: null, change: null });
  });
});

describe('season totals and overall', () => {
  it('season total = Σ period weight × score / Σ weights of periods with data', () => {
    const { row, engine } = run([...m1, v('Y', 'U1', 'A', 50), v('Y', 'U1', 'B', 0)]);
    // U1: M1 100 (w1), Y 30+40=70 (w2) → (100 + 140) / 3 = 80
    expect(row('season|*|T|G', 'U1').score).toBe(80);
    const x = engine.explainSeason('T', 'U1')!;
    expect(x.parts.map((p) => [p.id, p.score, p.weight, p.points])).toEqual([
      ['M1', 100, 1, 33.3333],
      ['Y', 70, 2, 46.6667],
    ]);
    expect(x.rounding).toBe(0);
  });

  it('overall = Σ track weight × track score / Σ weights over the tracks with data', () => {
    const { row } = run([...m1, v('M1', 'U1', 'P', 40)]);
    // U1: T 100 (w3), R 40 (w1) → 340/4 = 85; U2: T 84, R 0 (zero... carry policy, nothing to carry) → 63
    expect(row('overall|M1|*|G', 'U1').score).toBe(85);
    expect(row('overall|M1|*|G', 'U2').score).toBe(63);
  });
});

describe('grades, flags, lists, warnings, lights', () => {
  it('grades follow bands with a quota (优秀 at most 20%, at least 1); over quota falls to the next band', () => {
    const { row } = run([v('M1', 'U1', 'A', 100), v('M1', 'U1', 'B', 0), v('M1', 'U2', 'A', 100), v('M1', 'U2', 'B', 0), v('M1', 'U3', 'A', 100), v('M1', 'U4', 'A', 50)]);
    // all of U1..U3 have 100, 4 units → quota max(1, floor(0.8)) = 1: U1 (code order) gets 优秀
    expect(['U1', 'U2', 'U3', 'U4'].map((u) => row(T1, u).grade)).toEqual(['优秀', '良好', '良好', '较差']);
  });

  it('red flag to rank 1, yellow to the last; 红榜 top N and 黑榜 bottom N', () => {
    const { row } = run(m1);
    expect(['U1', 'U2', 'U3', 'U4'].map((u) => [row(T1, u).flag, row(T1, u).list])).toEqual([
      ['red', 'red'],
      [null, null],
      [null, null],
      ['yellow', 'black'],
    ]);
  });

  it('约谈 warning when last in `warningAfter` periods in a row', () => {
    const m2 = [v('M2', 'U1', 'A', 100), v('M2', 'U2', 'A', 90), v('M2', 'U3', 'A', 80)];
    const { row } = run([...m1, ...m2]);
    expect(row(T1, 'U4').warning).toBe(false);
    expect(row('track|M2|T|G', 'U4')).toMatchObject({ flag: 'yellow', warning: true });
    expect(row('track|M2|T|G', 'U3').warning).toBe(false);
  });

  it('lights by rank share (bottom 25% red, next 25% yellow) and by 序时进度 (behind > 30 red, 10–30 yellow)', () => {
    const { row } = run([...m1, v('M1', 'U1', 'P', 45), v('M1', 'U2', 'P', 30), v('M1', 'U3', 'P', 10)]);
    expect(['U1', 'U3', 'U2', 'U4'].map((u) => row(T1, u).light)).toEqual(['green', 'green', 'yellow', 'red']);
    // expected progress 50 in M1: U1 behind 5 → green, U2 behind 20 → yellow, U3 behind 40 → red, U4 none → red
    expect(['U1', 'U2', 'U3', 'U4'].map((u) => row('track|M1|R|G', u).light)).toEqual(['green', 'yellow', 'red', 'red']);
  });

  it('carry policy: a missing value takes the last one reported earlier in the season', () => {
    const { row, engine } = run([...m1, v('M1', 'U2', 'P', 30), v('M2', 'U1', 'P', 100)]);
    expect(row('track|M2|R|G', 'U2').score).toBe(30);
    expect(engine.explainUnit('M2', 'R', 'U2')!.parts[0]).toMatchObject({ status: 'carried', from: 'M1', value: 30 });
  });
});

describe('cadre scores', () => {
  const rate = (cadre: string, raterGroup: string, rater: string, score: number): EventBody => ({ type: 'rating:recorded', data: { period: 'M1', cadre, raterGroup, rater, score } });

  it('α·unit part + (1−α)·E, E renormalised over the rater groups that rated, plus personal adjustments', () => {
    // C1 responsible for U1 on T (100). Only 上级 rated: mean (80+90)/2 = 85 → E = 85.
    const { st, engine } = run([...m1, rate('C1', 'sup', 'a', 80), rate('C1', 'sup', 'b', 90)]);
    expect(st.cadres['cadre|M1|SEC']!.rows.C1!.score).toBe(95.5); // 0.7·100 + 0.3·85
    const x = engine.explainCadre('M1', 'C1')!;
    expect(x.evaluation).toMatchObject({ value: 85, groups: [{ raterGroup: 'sup', mean: 85, count: 2 }] });
    expect(x.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(95.5, 10);
    // both groups: E = (0.6·85 + 0.4·60) / 1.0 = 75 → 0.7·100 + 0.3·75 = 92.5, then a 1.5 bonus
    const both = run([
      ...m1,
      rate('C1', 'sup', 'a', 80),
      rate('C1', 'sup', 'b', 90),
      rate('C1', 'peer', 'c', 60),
      { type: 'cadre:adjusted', data: { id: 'ca1', period: 'M1', cadre: 'C1', kind: 'bonus', points: 1.5, reason: '表彰' } },
    ]);
    expect(both.st.cadres['cadre|M1|SEC']!.rows.C1!.score).toBe(94);
  });

  it('a cadre without responsibilities is scored on their unit overall; without ratings on the unit part alone', () => {
    const { st } = run(m1);
    // C2 of U2: overall of U2 in M1 = T only (84) → no ratings → 84
    expect(st.cadres['cadre|M1|SEC']!.rows).toEqual({
      C1: { score: 100, rank: 1, prevRank: null, change: null },
      C2: { score: 84, rank: 2, prevRank: null, change: null },
    });
  });
});
