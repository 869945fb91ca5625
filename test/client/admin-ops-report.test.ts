import { describe, expect, it } from 'vitest';
import { reportProblems, reportQuery, type ReportOptions } from '../../client/src/views/admin/ops/lib/report-options.ts';
import { reportUrl } from '../../client/src/views/admin/ops/lib/urls.ts';

const formal = (o: Partial<ReportOptions> = {}): ReportOptions => ({ formal: true, organ: '中共XX县委组织部', docNo: '组干〔2026〕12号', date: '2026-12-03', ...o });

describe('通报 export options', () => {
  it('builds the PDF and Word links, with the formal options encoded', () => {
    expect(reportUrl('m12', 'live')).toBe('/api/exports/m12.pdf?source=live');
    expect(reportUrl('m12', 'published', 'docx', reportQuery({ ...formal(), formal: false }))).toBe('/api/exports/m12.docx?source=published');
    const url = new URL(reportUrl('m12', 'published', 'docx', reportQuery(formal({ organ: ' 中共XX县委组织部 & <x> ' }))), 'http://x');
    expect(url.pathname).toBe('/api/exports/m12.docx');
    expect(Object.fromEntries(url.searchParams)).toEqual({ source: 'published', formal: '1', organ: '中共XX县委组织部 & <x>', docNo: '组干〔2026〕12号', date: '2026-12-03' });
    expect(new URL(reportUrl('m12', 'live', 'pdf', reportQuery(formal({ date: '' }))), 'http://x').searchParams.has('date')).toBe(false);
  });

  it('asks for what the server requires before offering the links', () => {
    expect(reportProblems(formal())).toEqual([]);
    expect(reportProblems({ formal: false, organ: '', docNo: '', date: '' })).toEqual([]);
    expect(reportProblems(formal({ organ: '  ', docNo: '' }))).toEqual(['organRequired', 'docNoRequired']);
    expect(reportProblems(formal({ organ: '很'.repeat(31) }))).toEqual(['organTooLong']);
    expect(reportProblems(formal({ organ: '很'.repeat(30) }))).toEqual([]);
    expect(reportProblems(formal({ docNo: 'a\u0007b' }))).toEqual(['control']);
    expect(reportProblems(formal({ date: '3/12/2026' }))).toEqual(['date']);
  });
});
