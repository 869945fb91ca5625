/** A unit workspace reply (issue 5 contract) for the unit workspace tests. */
import type { Appeal, Workspace } from '../../client/src/views/unit/types.ts';

export function appeal(extra: Partial<Appeal> = {}): Appeal {
  return {
    id: 'ap1',
    unit: 'town-01',
    kind: 'objection',
    period: 'm03',
    target: { indicator: 'fai' },
    text: '统计口径有误',
    questions: null,
    evidence: [],
    proposedValue: 95,
    status: 'submitted',
    reference: null,
    decision: null,
    eventSeq: null,
    history: [{ at: '2026-03-02T08:00:00.000Z', actor: 'unit-user', status: 'submitted', note: null }],
    createdBy: 'unit-user',
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
    ...extra,
  };
}

export function workspace(extra: Partial<Workspace> = {}): Workspace {
  return {
    version: 42,
    unit: { id: 'town-01', name: '城关镇', group: { id: 'towns-a', name: '经济强镇组' }, kind: 'town' },
    period: { id: 'm03', name: '3月' },
    periods: [
      { id: 'm01', name: '1月' },
      { id: 'm02', name: '2月' },
      { id: 'm03', name: '3月' },
    ],
    tracks: [
      {
        track: { id: 'proj', name: '项目建设' },
        rank: 3,
        of: 6,
        score: 81.5,
        fullMarks: 100,
        change: 1,
        grade: '良好',
        flag: null,
        light: 'yellow',
        vetoed: false,
        gapToAbove: 2.25,
        gapToLeader: 10.5,
        aboveUnit: { id: 'town-02', name: '东湖镇' },
        leaderUnit: { id: 'town-03', name: '西山镇' },
        seasonScore: 240.1,
        seasonRank: 2,
        indicators: [
          { id: 'fai', name: '固定资产投资完成率', measure: '%', value: 92, points: 36, fullMarks: 40, lost: 4 },
          { id: 'new', name: '新开工项目数', measure: '个', value: 3, points: 22, fullMarks: 30, lost: 8 },
          { id: 'prog', name: '序时进度', measure: '%', value: 100, points: 30, fullMarks: 30, lost: 0 },
        ],
        bonus: 1,
        deductions: 2,
        waived: 0,
      },
    ],
    overall: { rank: 2, of: 6, score: 84.2, change: 0, gapToAbove: 1.5, gapToLeader: 1.5, aboveUnit: { id: 'town-03', name: '西山镇' }, leaderUnit: { id: 'town-03', name: '西山镇' }, seasonScore: 250, seasonRank: 2 },
    trend: [
      { period: 'm01', periodName: '1月', overallScore: 80, overallRank: 3, tracks: { proj: { score: 78, rank: 4 } } },
      { period: 'm02', periodName: '2月', overallScore: 83, overallRank: 2, tracks: {} },
      { period: 'm03', periodName: '3月', overallScore: 84.2, overallRank: 2, tracks: { proj: { score: 81.5, rank: 3 } } },
    ],
    adjustments: [
      { id: 'adj-b', seq: 10, period: 'm03', kind: 'bonus', track: 'proj', points: 1, reason: '获省级表彰', evidence: [], revoked: false, waiver: null },
      { id: 'adj-d', seq: 11, period: 'm03', kind: 'deduction', track: 'proj', points: 2, reason: '项目进度滞后被通报', evidence: [], revoked: false, waiver: null },
      { id: 'adj-w', seq: 12, period: 'm02', kind: 'deduction', track: 'proj', points: 3, reason: '台账不全', evidence: [], revoked: false, waiver: { decision: 'accepted', reference: '组容〔2026〕1号', reasoning: '符合三个区分开来', seq: 20 } },
    ],
    vetoes: [{ id: 'veto-1', seq: 13, period: 'm03', track: null, reason: '发生较大安全事故', revoked: false, waiver: null }],
    feedback: [{ id: 'f1', at: '2026-03-05T02:00:00.000Z', author: '组织部', period: 'm03', text: '请加快项目进度' }],
    appeals: [],
    ...extra,
  };
}
