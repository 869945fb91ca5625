import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellText, changeLine, importErrors, importPath, importResult } from '../../client/src/views/admin/ops/lib/import-report.ts';
import { OpsError, upload } from '../../client/src/views/admin/ops/lib/http.ts';
import { setCsrfToken } from '../../client/src/lib/api.ts';
import { csvUrl, evidenceUrl, templateUrl, workbookUrl } from '../../client/src/views/admin/ops/lib/urls.ts';

describe('import report', () => {
  it('maps a refused file to rows sorted by row', () => {
    const body = {
      code: 'import_invalid',
      message: '导入文件有 2 处错误',
      errors: [
        { row: 5, column: '固定资产投资完成率（inv）', value: 'abc', reason: '不是数字' },
        { row: 2, column: '单位编码', value: null, reason: '未知单位' },
      ],
    };
    expect(importErrors(body)).toEqual([
      { row: 2, column: '单位编码', value: '', reason: '未知单位' },
      { row: 5, column: '固定资产投资完成率（inv）', value: 'abc', reason: '不是数字' },
    ]);
    expect(importErrors({ details: { errors: [{ row: '3', column: 'x', value: 1, message: 'm' }] } })).toEqual([{ row: 3, column: 'x', value: '1', reason: 'm' }]);
    // The server names the column letter and its header.
    expect(importErrors({ code: 'import_invalid', details: { errors: [{ row: 4, column: 'C', header: '村集体经济收入（R01）', value: 'abc', reason: '不是数字' }] } })).toEqual([
      { row: 4, column: '村集体经济收入（R01）（C）', value: 'abc', reason: '不是数字' },
    ]);
    expect(importErrors({ code: 'forbidden' })).toBeNull();
  });
  it('reads the counts of an accepted file', () => {
    expect(importResult({ applied: 12, duplicates: 0, unchanged: 3, version: 99 })).toEqual({ applied: 12, duplicates: 0, unchanged: 3, pending: 12, version: 99, changes: [], added: 0, overwritten: 0 });
    expect(importResult({ applied: 0, duplicates: 1, unchanged: 3, pending: 7, dryRun: true })).toMatchObject({ applied: 0, pending: 7 });
    expect(importResult({})).toEqual({ applied: 0, duplicates: 0, unchanged: 0, pending: 0, version: undefined, changes: [], added: 0, overwritten: 0 });
  });
  it('builds the routes', () => {
    expect(importPath('values', 'p1', 't1', true)).toBe('/api/import?kind=values&period=p1&track=t1&dryRun=1');
    expect(importPath('ratings', 'p1', 't1', false)).toBe('/api/import?kind=ratings&period=p1&dryRun=0');
    expect(importPath('values', 'p1', 't1', false, ' 复核更正 ')).toBe(`/api/import?kind=values&period=p1&track=t1&dryRun=0&reason=${encodeURIComponent('复核更正').replace(/%20/g, '+')}`);
    expect(importPath('values', 'p1', 't1', false, '  ')).toBe('/api/import?kind=values&period=p1&track=t1&dryRun=0');
  });
  it('reads the changes of a checked file: overwrites old → new apart from new values', () => {
    const change = { row: 2, column: 'C', unit: 'cgz', unitName: '城关镇', indicator: 'R04', indicatorName: '农村生活污水治理率', measure: '%', before: 88.2, after: 95.4, kind: 'overwrite' };
    const added = { ...change, row: 3, unit: 'dh', unitName: '东湖镇', before: null, after: 70, kind: 'new' };
    const r = importResult({ applied: 0, pending: 2, changes: [change, added], added: 1, overwritten: 1 });
    expect(r).toMatchObject({ pending: 2, added: 1, overwritten: 1 });
    expect(changeLine(r.changes[0]!)).toBe('城关镇 农村生活污水治理率 88.2 → 95.4');
    expect(cellText(88.2, '%')).toBe('88.2%');
    expect(cellText(3, '个')).toBe('3 个');
    expect(cellText(null)).toBe('—');
    // counts derived when an older server sends only the list
    expect(importResult({ changes: [change, added, added] })).toMatchObject({ added: 2, overwritten: 1 });
    expect(templateUrl('values', 'p1', 't1', 'xlsx')).toBe('/api/import/template?kind=values&period=p1&track=t1&format=xlsx');
    expect(workbookUrl('2026-03', 'published')).toBe('/api/exports/2026-03.xlsx?source=published');
    expect(csvUrl('p1', 'rural-g1', 'live')).toBe('/api/exports/p1/rural-g1.csv?source=live');
    expect(evidenceUrl('a/b')).toBe('/api/evidence/a%2Fb');
  });
});

describe('raw uploads (mocked fetch)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  function stub(replies: Array<{ status: number; body: unknown }>) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const r = replies.shift()!;
      return new Response(JSON.stringify(r.body), { status: r.status });
    });
    return calls;
  }

  it('sends the file raw with X-Filename and the CSRF token', async () => {
    setCsrfToken('c1');
    const calls = stub([{ status: 200, body: { applied: 3, duplicates: 0, unchanged: 0, version: 5 } }]);
    const file = new Blob(['a,b\n1,2'], { type: 'text/csv' });
    const r = await upload('/api/import?kind=values&period=p1&track=t1&dryRun=1', file, '三月 数据.csv');
    expect(r).toMatchObject({ applied: 3 });
    const post = calls[0]!;
    const h = new Headers(post.init.headers);
    expect(post.init.method).toBe('POST');
    expect(h.get('X-CSRF-Token')).toBe('c1');
    expect(h.get('X-Filename')).toBe(encodeURIComponent('三月 数据.csv'));
    expect(h.get('Content-Type')).toBe('text/csv');
    expect(post.init.body).toBe(file);
  });

  it('keeps the error report of a refused file', async () => {
    stub([{ status: 422, body: { code: 'import_invalid', message: '有错误', errors: [{ row: 2, column: 'A', value: 'x', reason: 'bad' }] } }]);
    const err = await upload('/api/import', new Blob(['x']), 'f.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpsError);
    expect(err).toMatchObject({ status: 422, code: 'import_invalid', message: '有错误' });
    expect(importErrors((err as OpsError).body)).toHaveLength(1);
  });
});
