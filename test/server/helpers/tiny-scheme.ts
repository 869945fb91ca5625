/** A hand-built scheme small enough to reason about: 2 groups × 2 towns, 2 tracks, 2 months, 2 cadres. */
import { SchemeSchema, type Scheme, type SchemeInput } from '../../../shared/scheme.ts';

export const TINY: SchemeInput = {
  name: '测试赛马',
  season: {
    id: 's2026',
    name: '2026年度',
    periods: [
      { id: 'm01', name: '1月', kind: 'month' },
      { id: 'm02', name: '2月', kind: 'month' },
    ],
    currentPeriod: 'm01',
  },
  tracks: [
    {
      id: 'econ',
      name: '项目建设',
      totalMarks: 100,
      indicators: [
        { code: 'inv', name: '固定资产投资完成率', measure: '%', fullMarks: 60, method: { kind: 'efficacy' }, owner: 'fgw' },
        { code: 'proj', name: '新开工项目数', measure: '个', fullMarks: 40, method: { kind: 'rank', step: 5 }, owner: 'tjj' },
      ],
    },
    {
      id: 'gov',
      name: '基层治理',
      totalMarks: 100,
      indicators: [{ code: 'hot', name: '12345 热线按时办结率', measure: '%', fullMarks: 100, method: { kind: 'efficacy' }, owner: 'hotline' }],
    },
  ],
  groups: [
    { id: 'g1', name: '经济强镇组', units: ['t1', 't2'], tracks: ['econ', 'gov'] },
    { id: 'g2', name: '生态镇组', units: ['t3', 't4'], tracks: ['econ', 'gov'] },
  ],
  units: [
    { id: 't1', name: '东城镇' },
    { id: 't2', name: '西城镇' },
    { id: 't3', name: '南山镇' },
    { id: 't4', name: '北湖镇' },
  ],
  cadreGroups: [{ id: 'sec', name: '乡镇党委书记' }],
  cadres: [
    { id: 'c1', name: '张三', unit: 't1', group: 'sec', responsibilities: [{ track: 'econ', unit: 't1' }] },
    { id: 'c2', name: '李四', unit: 't2', group: 'sec', responsibilities: [{ track: 'econ', unit: 't2' }] },
  ],
};

export const tinyScheme = (): Scheme => SchemeSchema.parse(structuredClone(TINY));
