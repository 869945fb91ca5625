import { describe, expect, it } from 'vitest';
import { auditPage, auditPath, jsonChanges, shortJson } from '../../client/src/views/admin/ops/lib/audit-query.ts';
import { eventDetail, eventValue, historyList } from '../../client/src/views/admin/ops/lib/history.ts';

describe('audit filters → query string', () => {
  it('leaves out empty fields and trims', () => {
    expect(auditPath({})).toBe('/api/audit?limit=50');
    expect(auditPath({ actor: ' admin ', action: '', target: 'unit:u1', limit: 20 })).toBe('/api/audit?actor=admin&target=unit%3Au1&limit=20');
  });
  it('sends the time range as ISO and pages with before', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    expect(auditPath({ from, to: '2026-03-31T23:59:59.000Z', before: 120 })).toBe(
      '/api/audit?from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-31T23%3A59%3A59.000Z&before=120&limit=50',
    );
  });
  it('reads the next page cursor, or derives it from a full page', () => {
    expect(auditPage({ items: [], next: 7 }, 50).next).toBe(7);
    expect(auditPage({ items: [{ id: 9 }], next: null }, 1).next).toBeNull();
    expect(auditPage({ items: [{ id: 9 }, { id: 8 }] }, 2).next).toBe(8);
    expect(auditPage({ items: [{ id: 9 }] }, 2).next).toBeNull();
  });
});

describe('before/after changes', () => {
  it('lists changed, added and removed paths', () => {
    expect(jsonChanges({ a: 1, b: { c: 2, d: 3 }, e: 'x' }, { a: 1, b: { c: 5 }, f: [1] })).toEqual([
      { path: 'b.c', kind: 'changed', before: '2', after: '5' },
      { path: 'b.d', kind: 'removed', before: '3' },
      { path: 'e', kind: 'removed', before: 'x' },
      { path: 'f', kind: 'added', after: '[1]' },
    ]);
  });
  it('handles creation, deletion and scalars', () => {
    expect(jsonChanges(null, { a: 1, b: { c: 2 } })).toEqual([
      { path: 'a', kind: 'added', after: '1' },
      { path: 'b', kind: 'added', after: '{"c":2}' },
    ]);
    expect(jsonChanges({ a: 1 }, null)).toEqual([{ path: 'a', kind: 'removed', before: '1' }]);
    expect(jsonChanges(null, [1])).toEqual([{ path: '·', kind: 'added', after: '[1]' }]);
    expect(jsonChanges(1, 2)).toEqual([{ path: '·', kind: 'changed', before: '1', after: '2' }]);
    expect(jsonChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
  it('cuts long values', () => {
    expect(shortJson('x'.repeat(300), 10)).toHaveLength(10);
  });
});

describe('history of a number', () => {
  it('reads events and describes them', () => {
    const list = historyList({ items: [{ seq: 3, type: 'value:corrected', at: 'x', actor: 'admin', data: { period: 'p', unit: 'u', indicator: 'i', value: 5, reason: 'r', source: 'form' } }] });
    expect(eventValue(list[0]!)).toBe('5');
    expect(eventDetail(list[0]!)).toBe('source: form');
    expect(eventValue({ seq: 1, type: 'value:recorded', at: '', actor: '', data: { value: null } })).toBe('—');
    expect(historyList([{ seq: 1, type: 't', at: '', actor: '' }])[0]!.data).toEqual({});
    expect(historyList(null)).toEqual([]);
  });
});

describe('event type labels', () => {
  it('names the log event types and leaves other actions alone', async () => {
    const { eventTypeKey } = await import('../../client/src/views/admin/ops/lib/history.ts');
    expect(eventTypeKey('value:corrected')).toBe('adminOps.event.valueCorrected');
    expect(eventTypeKey('period:published')).toBe('adminOps.event.periodPublished');
    expect(eventTypeKey('session:login')).toBeNull();
  });
});

describe('audit rows in words', async () => {
  const { actionText, actorText, changeText, fieldText, fieldValue, targetParts, targetText } = await import('../../client/src/views/admin/ops/lib/audit-describe.ts');
  const zh = (await import('../../client/src/views/admin/ops/messages/zh-CN.ts')).default as unknown as Record<string, unknown>;
  /** A tiny vue-i18n stand-in over the real Chinese messages: `adminOps.a.b` with {named} values. */
  const t = (key: string, named: Record<string, unknown> = {}) => {
    const v = key.replace(/^adminOps\./, '').split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], zh);
    if (typeof v !== 'string') throw new Error(`no message ${key}`);
    return v.replace(/\{(\w+)\}/g, (_, k: string) => String(named[k]));
  };
  const names = {
    unit: (id: string) => ({ sfj: '县司法局', cgz: '城关镇', fgw: '县发展和改革委员会' })[id] ?? id,
    period: (id: string) => ({ m12: '12月' })[id] ?? id,
    indicator: (id: string) => ({ E04: '法治宣传覆盖率', R04: '农村生活污水治理率' })[id] ?? id,
    track: (id: string) => ({ gov: '基层治理' })[id] ?? id,
    cadre: (id: string) => id,
    username: (id: string) => ({ u_1: 'admin' })[id],
  };

  it('names units, periods and indicators instead of codes', () => {
    expect(targetParts('seq:12 unit:sfj period:m12 indicator:E04')).toEqual({ seq: '12', unit: 'sfj', period: 'm12', indicator: 'E04' });
    expect(targetText('seq:12 unit:sfj period:m12 indicator:E04', names, t)).toBe('县司法局 · 12月 · 法治宣传覆盖率');
    expect(targetText('seq:30 target:adj1 unit:cgz period:m12 track:gov', names, t)).toBe('城关镇 · 12月 · 基层治理');
    expect(targetText('seq:31 period:m12', names, t)).toBe('12月');
    expect(targetText('user:u_1', names, t)).toBe('用户 admin');
    expect(targetText('scheme@40', names, t)).toBe('方案 第 40 版');
    expect(targetText('appeal:ap_x unit:cgz', names, t)).toBe('城关镇 · 申请');
  });

  it('names actions and actors', () => {
    expect(actionText('value:recorded', t)).toBe('录入数值');
    expect(actionText('appeal:updated', t)).toBe('处理申请');
    expect(actionText('something:else', t)).toBe('something:else');
    expect(actorText({ actor: 'u_1', actorName: '王科长', actorRole: 'admin' }, names, t)).toBe('王科长（admin）');
    expect(actorText({ actor: 'admin', actorName: 'admin', actorRole: 'admin' }, names, t)).toBe('admin');
    expect(actorText({ actor: 'token:tk', actorName: '发改委系统', actorRole: 'reporter' }, names, t)).toBe('发改委系统（令牌）');
    expect(actorText({ actor: 'reporter:fgw', actorName: null, actorRole: 'reporter' }, names, t)).toBe('报送部门 县发展和改革委员会');
    expect(actorText({ actor: 'demo-feeder', actorName: null, actorRole: 'system' }, names, t)).toBe('演示数据源');
  });

  it('says what changed: old → new, points, decisions', () => {
    expect(changeText({ action: 'value:corrected', before: { value: 88.2 }, after: { value: 95.4 } }, t)).toBe('88.2 → 95.4');
    expect(changeText({ action: 'value:recorded', before: null, after: { value: 70 } }, t)).toBe('新增 70');
    expect(changeText({ action: 'value:recorded', before: { value: 70 }, after: { value: null } }, t)).toBe('70 → —');
    expect(changeText({ action: 'adjustment:recorded', before: null, after: { kind: 'deduction', points: 2 } }, t)).toBe('扣分 2 分');
    expect(changeText({ action: 'waiver:decided', before: { kind: 'deduction', points: 2 }, after: { decision: 'partial', waivedPoints: 1 } }, t)).toBe('扣分 2 分 → 部分免责 免除 1 分');
    expect(changeText({ action: 'adjustment:revoked', before: { kind: 'bonus', points: 1 }, after: { revoked: true } }, t)).toBe('加分 1 分 → 已撤销');
    expect(changeText({ action: 'session:login', before: null, after: null }, t)).toBeNull();
  });

  it('names fields and coded values of the change list', () => {
    expect(fieldText('kind', t)).toBe('类别');
    expect(fieldText('points', t)).toBe('分值');
    expect(fieldText('x.waivedPoints', t)).toBe('x · 免除分值');
    expect(fieldValue('kind', 'deduction', names, t)).toBe('扣分');
    expect(fieldValue('unit', 'cgz', names, t)).toBe('城关镇');
    expect(fieldValue('decision', 'clarified', names, t)).toBe('澄清正名');
    expect(fieldValue('reason', 'x', names, t)).toBe('x');
  });
});
