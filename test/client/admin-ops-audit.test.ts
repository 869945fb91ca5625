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
