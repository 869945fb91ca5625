import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APPEAL_STATUSES,
  actorLabel,
  appealBody,
  appealPeriod,
  appealTimeline,
  emptyDraft,
  isDecided,
  sortAppeals,
  statusKey,
  stepStatuses,
  targetLine,
  toleranceTargets,
  underTolerance,
  validateDraft,
  type AppealDraft,
} from '../../client/src/views/unit/appeal-logic.ts';
import { evidenceHref, evidenceProblem, evidenceType, fmtSize, uploadEvidence } from '../../client/src/views/unit/evidence.ts';
import { setCsrfToken } from '../../client/src/lib/api.ts';
import { statusTone } from '../../client/src/lib/appeal-status.ts';
import { appeal, workspace } from './unit-fixtures.ts';

const draft = (extra: Partial<AppealDraft>): AppealDraft => ({ ...emptyDraft('objection'), ...extra });

describe('appeal status', () => {
  it('labels, colours and steps every status', () => {
    expect(APPEAL_STATUSES.map(statusKey)).toEqual(APPEAL_STATUSES.map((s) => `unit.status.${s}`));
    expect(statusKey('bogus')).toBe('');
    // one palette for the unit's workspace and the review console (both import statusTone)
    expect(APPEAL_STATUSES.map(statusTone)).toEqual(['info', 'warning', 'success', 'primary', 'danger', 'success']);
    expect(APPEAL_STATUSES.filter(isDecided)).toEqual(['accepted', 'partial', 'rejected', 'clarified']);
    expect(stepStatuses('submitted')).toEqual(['success', 'wait', 'wait']);
    expect(stepStatuses('under_review')).toEqual(['success', 'process', 'wait']);
    expect(stepStatuses('accepted')).toEqual(['success', 'success', 'success']);
    expect(stepStatuses('partial')).toEqual(['success', 'success', 'finish']);
    expect(stepStatuses('rejected')).toEqual(['success', 'success', 'error']);
  });

  it('shows the history oldest first, and the filing when there is none', () => {
    const a = appeal({
      status: 'accepted',
      history: [
        { at: '2026-03-04T00:00:00Z', actor: 'admin', status: 'accepted', note: '同意' },
        { at: '2026-03-02T00:00:00Z', actor: 'u', status: 'submitted', note: null },
        { at: '2026-03-03T00:00:00Z', actor: 'admin', status: 'under_review', note: null },
      ],
    });
    expect(appealTimeline(a).map((h) => [h.status, h.note])).toEqual([
      ['submitted', ''],
      ['under_review', ''],
      ['accepted', '同意'],
    ]);
    expect(appealTimeline(appeal({ history: [] }))).toEqual([{ at: '2026-03-02T08:00:00.000Z', actor: 'unit-user', status: 'submitted', note: '' }]);
  });

  it('names who took a step without showing user ids', () => {
    expect(actorLabel({ actor: 'u_me', status: 'submitted' }, 'u_me', '城关镇')).toEqual({ key: '', name: '城关镇' });
    expect(actorLabel({ actor: 'u_admin1', status: 'submitted' }, 'u_me', '城关镇')).toEqual({ key: 'unit.actor.filer', name: '' });
    expect(actorLabel({ actor: 'u_admin1', status: 'accepted' }, 'u_me', '城关镇')).toEqual({ key: 'unit.actor.orgDept', name: '' });
    expect(actorLabel({ actor: '张科长', status: 'under_review' }, 'u_me', '')).toEqual({ key: '', name: '张科长' });
    expect(actorLabel({ actor: '', status: 'under_review' }, null, '')).toEqual({ key: '', name: '' });
    // What the server shows a unit's user in place of other people's ids.
    expect(actorLabel({ actor: '@filer', status: 'submitted' }, 'u_me', '城关镇')).toEqual({ key: 'unit.actor.filer', name: '' });
    expect(actorLabel({ actor: '@org', status: 'rejected' }, 'u_me', '城关镇')).toEqual({ key: 'unit.actor.orgDept', name: '' });
  });

  it('lists open appeals first, newest first within each', () => {
    const list = [
      appeal({ id: 'old-open', createdAt: '2026-01-01' }),
      appeal({ id: 'decided', status: 'rejected', createdAt: '2026-03-01' }),
      appeal({ id: 'new-open', status: 'under_review', createdAt: '2026-02-01' }),
    ];
    expect(sortAppeals(list).map((a) => a.id)).toEqual(['new-open', 'old-open', 'decided']);
  });

  it('names what an appeal is about', () => {
    const w = workspace();
    expect(targetLine(appeal(), w)).toEqual({ key: 'unit.target.indicatorValue', params: { name: '项目建设 · 固定资产投资完成率', value: '95' } });
    expect(targetLine(appeal({ kind: 'tolerance', target: { adjustment: 'adj-d' }, proposedValue: null }), w)).toEqual({ key: 'unit.target.deduction', params: { points: '2', reason: '项目进度滞后被通报' } });
    expect(targetLine(appeal({ kind: 'tolerance', target: { veto: 'veto-1' } }), w)).toEqual({ key: 'unit.target.veto', params: { reason: '发生较大安全事故' } });
    expect(targetLine(appeal({ target: { legacy: '旧申诉' } }), w).key).toBe('unit.target.unknown');
    expect(targetLine(appeal({ target: null }), w).key).toBe('unit.target.none');
  });
});

describe('容错 targets', () => {
  it('offers deductions and vetoes in force without an open application', () => {
    const w = workspace();
    expect(toleranceTargets(w.adjustments, w.vetoes, []).map((x) => x.value)).toEqual(['adjustment:adj-d', 'veto:veto-1']);
    const open = appeal({ kind: 'tolerance', target: { adjustment: 'adj-d' }, status: 'under_review' });
    expect(toleranceTargets(w.adjustments, w.vetoes, [open]).map((x) => x.value)).toEqual(['veto:veto-1']);
    // A rejected application leaves the deduction open to another one.
    const rejected = { ...open, status: 'rejected' as const };
    expect(toleranceTargets(w.adjustments, w.vetoes, [rejected]).map((x) => x.value)).toEqual(['adjustment:adj-d', 'veto:veto-1']);
  });

  it('lists the items with an undecided 容错 application (pending on the page)', () => {
    const open = appeal({ kind: 'tolerance', target: { adjustment: 'adj-d' }, status: 'submitted' });
    const veto = appeal({ id: 'ap2', kind: 'tolerance', target: { veto: 'veto-1' }, status: 'under_review' });
    expect([...underTolerance([open, veto])]).toEqual(['adjustment:adj-d', 'veto:veto-1']);
    expect([...underTolerance([{ ...open, status: 'accepted' }, { ...veto, kind: 'objection' }])]).toEqual([]);
  });
});

describe('appeal form', () => {
  it('requires the indicator, a number and an explanation for an objection', () => {
    expect(validateDraft(draft({}))).toEqual({ indicator: 'unit.form.err.indicator', proposedValue: 'unit.form.err.valueRequired', text: 'unit.form.err.text' });
    expect(validateDraft(draft({ indicator: 'fai', proposedValue: '9x', text: '说明' }), 92)).toEqual({ proposedValue: 'unit.form.err.valueNumber' });
    expect(validateDraft(draft({ indicator: 'fai', proposedValue: '92.0', text: '说明' }), 92)).toEqual({ proposedValue: 'unit.form.err.valueSame' });
    expect(validateDraft(draft({ indicator: 'fai', proposedValue: ' 95 ', text: ' 说明 ' }), 92)).toEqual({});
    expect(validateDraft(draft({ indicator: 'fai', proposedValue: '95', text: '   ' }), null)).toEqual({ text: 'unit.form.err.text' });
  });

  it('takes words for indicators whose values are words', () => {
    expect(validateDraft(draft({ indicator: 'x', proposedValue: '达标', text: 't' }), '未达标')).toEqual({});
    expect(validateDraft(draft({ indicator: 'x', proposedValue: '未达标', text: 't' }), '未达标')).toEqual({ proposedValue: 'unit.form.err.valueSame' });
    expect(validateDraft(draft({ indicator: 'x', proposedValue: '达'.repeat(21), text: 't' }), '未达标')).toEqual({ proposedValue: 'unit.form.err.valueLong' });
  });

  it('requires a target and all three answers for a 容错 application (no counts as an answer)', () => {
    const d = { ...emptyDraft('tolerance'), text: '说明' };
    expect(validateDraft(d)).toEqual({ target: 'unit.form.err.target', questions: 'unit.form.err.questions' });
    expect(validateDraft({ ...d, target: 'veto:v1', exploratory: true, notProhibited: false, publicInterest: null })).toEqual({ questions: 'unit.form.err.questions' });
    expect(validateDraft({ ...d, target: 'veto:v1', exploratory: true, notProhibited: false, publicInterest: true })).toEqual({});
  });

  it('refuses over-long text and too many files', () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, name: 'a.pdf', size: 1, type: 'application/pdf' }));
    expect(validateDraft(draft({ indicator: 'i', proposedValue: '1', text: 'x'.repeat(5001), evidence: files }))).toEqual({ text: 'unit.form.err.tooLong', evidence: 'unit.form.err.tooManyFiles' });
  });

  it('builds the POST /api/appeals body of the contract', () => {
    const ev = [{ id: 'ev_1', name: 'a.pdf', size: 1, type: 'application/pdf' }];
    expect(appealBody(draft({ indicator: 'fai', proposedValue: ' 95.5 ', text: ' 口径错误 ', evidence: ev }), 'm03')).toEqual({
      kind: 'objection',
      period: 'm03',
      text: '口径错误',
      evidence: ['ev_1'],
      target: { indicator: 'fai' },
      proposedValue: 95.5,
    });
    expect(appealBody(draft({ indicator: 'x', proposedValue: '达标', text: 't' }), 'm03').proposedValue).toBe('达标');
    const tol = { ...emptyDraft('tolerance'), target: 'adjustment:adj-d' as const, exploratory: true, notProhibited: true, publicInterest: false, notes: '', text: '说明' };
    expect(appealBody(tol, 'm03')).toEqual({
      kind: 'tolerance',
      period: 'm03',
      text: '说明',
      evidence: [],
      target: { adjustment: 'adj-d' },
      questions: { exploratory: true, notProhibited: true, publicInterest: false },
    });
    expect(appealBody({ ...tol, target: 'veto:v:1', notes: ' 补充 ' }, 'm03')).toMatchObject({ target: { veto: 'v:1' }, questions: { notes: '补充' } });
  });
});

describe('appeal period', () => {
  it('files a 容错 application in the period of its deduction or veto, an objection in the period shown', () => {
    const w = workspace();
    expect(appealPeriod({ ...emptyDraft('tolerance'), target: 'adjustment:adj-w' }, w)).toBe('m02');
    expect(appealPeriod({ ...emptyDraft('tolerance'), target: 'veto:veto-1' }, w)).toBe('m03');
    expect(appealPeriod({ ...emptyDraft('tolerance'), target: 'adjustment:gone' }, w)).toBe('m03');
    expect(appealPeriod(draft({ indicator: 'fai' }), { ...w, period: { id: 'm01', name: '1月' } })).toBe('m01');
  });
});

describe('evidence files', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('knows the accepted types by MIME type or by extension', () => {
    expect(evidenceType('a.pdf', 'application/pdf')).toBe('application/pdf');
    expect(evidenceType('报告.DOCX', '')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(evidenceType('a.txt', 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(evidenceType('a.exe', 'application/x-msdownload')).toBeNull();
    expect(evidenceProblem({ name: 'a.exe', type: '', size: 10 })).toBe('unit.evidence.badType');
    expect(evidenceProblem({ name: 'a.png', type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('unit.evidence.tooBig');
    expect(evidenceProblem({ name: 'a.png', type: 'image/png', size: 0 })).toBe('unit.evidence.empty');
    expect(evidenceProblem({ name: 'a.png', type: 'image/png', size: 5 })).toBeNull();
    expect([fmtSize(500), fmtSize(2048), fmtSize(3 * 1024 * 1024)]).toEqual(['500 B', '2 KB', '3 MB']);
    expect(evidenceHref('ev_1/../x')).toBe('/api/evidence/ev_1%2F..%2Fx');
  });

  it('uploads the raw file with its type, its URI-encoded name and the CSRF token', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: 'ev_1', name: '现场照片.png', size: 4, type: 'image/png', unit: 'town-01' }), { status: 201 });
    });
    setCsrfToken('csrf-9');
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], '现场照片.png', { type: 'image/png' });
    expect(await uploadEvidence(file)).toMatchObject({ id: 'ev_1', name: '现场照片.png' });
    await uploadEvidence(file, 'town 01');
    const h = new Headers(calls[0]!.init.headers);
    expect(calls[0]!.url).toBe('/api/evidence');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe(file);
    expect(h.get('Content-Type')).toBe('image/png');
    expect(h.get('X-Filename')).toBe(encodeURIComponent('现场照片.png'));
    expect(h.get('X-CSRF-Token')).toBe('csrf-9');
    expect(calls[1]!.url).toBe('/api/evidence?unit=town%2001');
  });
});
