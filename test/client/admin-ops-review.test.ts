import { describe, expect, it } from 'vitest';
import { appealList, appealsQuery, decisionBody, decisionProblems, emptyDecision, nextStatuses, type Appeal } from '../../client/src/views/admin/ops/lib/appeals.ts';

const base = (p: Partial<Appeal>): Appeal => ({
  id: 'a1',
  unit: 'u1',
  kind: 'tolerance',
  period: 'p1',
  target: { adjustment: 'd1' },
  text: 't',
  questions: null,
  evidence: [],
  proposedValue: null,
  status: 'submitted',
  reference: null,
  decision: null,
  eventSeq: null,
  history: [],
  createdBy: 'u',
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  ...p,
});

describe('status transitions offered', () => {
  it.each<[Partial<Appeal>, string[]]>([
    [{ status: 'submitted' }, ['under_review']],
    [{ status: 'under_review' }, ['accepted', 'partial', 'rejected', 'clarified']],
    [{ status: 'under_review', target: { veto: 'v1' } }, ['accepted', 'rejected', 'clarified']],
    [{ status: 'under_review', kind: 'objection', target: { indicator: 'i1' } }, ['accepted', 'rejected']],
    [{ status: 'submitted', kind: 'objection' }, ['under_review']],
    [{ status: 'accepted' }, []],
    [{ status: 'partial' }, []],
    [{ status: 'rejected' }, []],
    [{ status: 'clarified' }, []],
  ])('%j → %j', (p, want) => expect(nextStatuses(base(p))).toEqual(want));
});

describe('decision form', () => {
  const review = base({ status: 'under_review' });
  it('needs a reference and reasoning for a decision, points for partial', () => {
    expect(decisionProblems(review, emptyDecision())).toEqual(['status']);
    expect(decisionProblems(review, { ...emptyDecision(), status: 'accepted' })).toEqual(['reference', 'decision']);
    expect(decisionProblems(review, { ...emptyDecision(), status: 'partial', reference: '组通〔2026〕3号', decision: '部分免责' })).toEqual(['points']);
    expect(decisionProblems(review, { ...emptyDecision(), status: 'partial', reference: 'r', decision: 'd', points: 1.5 })).toEqual([]);
    // A status not offered from here is refused.
    expect(decisionProblems(base({ status: 'submitted' }), { ...emptyDecision(), status: 'accepted', reference: 'r', decision: 'd' })).toEqual(['status']);
  });
  it('moving to review needs nothing else', () => {
    expect(decisionProblems(base({}), { ...emptyDecision(), status: 'under_review' })).toEqual([]);
    expect(decisionBody(base({}), { ...emptyDecision(), status: 'under_review' })).toEqual({ status: 'under_review' });
  });
  it('an accepted objection sends the corrected value', () => {
    const obj = base({ kind: 'objection', status: 'under_review', target: { indicator: 'i1' } });
    const f = { ...emptyDecision(), status: 'accepted' as const, reference: ' R-1 ', decision: ' 核实无误 ' };
    expect(decisionProblems(obj, f)).toEqual(['value']);
    expect(decisionBody(obj, { ...f, value: '９８.５' })).toEqual({ status: 'accepted', reference: 'R-1', decision: '核实无误', value: 98.5 });
    expect(decisionBody(obj, { ...f, value: '优秀' })).toMatchObject({ value: '优秀' });
  });
  it('partial sends its points; other kinds do not send a value', () => {
    expect(decisionBody(base({}), { status: 'partial', reference: 'r', decision: 'd', points: 2, value: '3' })).toEqual({ status: 'partial', reference: 'r', decision: 'd', points: 2 });
  });
});

describe('queue query', () => {
  it('leaves out empty filters', () => {
    expect(appealsQuery({})).toBe('/api/appeals');
    expect(appealsQuery({ status: 'submitted', kind: '', unit: 'u 1' })).toBe('/api/appeals?status=submitted&unit=u+1');
  });
  it('reads arrays and { items }', () => {
    expect(appealList([base({})])).toHaveLength(1);
    expect(appealList({ items: [base({})] })).toHaveLength(1);
    expect(appealList(null)).toEqual([]);
  });
});
