/** Table tests of the small pure pieces: diff ring, origin check, usernames, canonical JSON, JSON guard, room filter. */
import { describe, expect, it } from 'vitest';
import { createDiffRing } from '../../server/services/diff-ring.ts';
import { originAllowed } from '../../server/live/origin.ts';
import { normaliseUsername } from '../../server/auth/secrets.ts';
import { canonicalJson } from '../../server/services/canonical-json.ts';
import { assertSafeJson } from '../../server/http/safe-json.ts';
import { filterDiff, roomSet, signatureRoom, parseSignature } from '../../server/live/room-filter.ts';
import { createRateLimiter } from '../../server/auth/rate-limit.ts';

describe('diff ring', () => {
  const d = (from: number) => ({ from, to: from + 1 });
  it('returns the diffs since a version, [] when current, null when out of reach', () => {
    const ring = createDiffRing(4);
    for (let v = 0; v < 3; v++) ring.push(d(v));
    expect(ring.since(3, 3)).toEqual([]);
    expect(ring.since(1, 3)).toEqual([d(1), d(2)]);
    expect(ring.since(5, 3)).toBeNull();
    for (let v = 3; v < 8; v++) ring.push(d(v));
    expect(ring.since(0, 8)).toBeNull();
    expect(ring.since(6, 8)).toEqual([d(6), d(7)]);
  });
  it('forgets everything at a gap in versions', () => {
    const ring = createDiffRing(10);
    ring.push(d(0));
    ring.push(d(5));
    expect(ring.since(0, 6)).toBeNull();
    expect(ring.since(5, 6)).toEqual([d(5)]);
  });
});

describe('origin check', () => {
  it.each([
    [undefined, 'a:1', [], true],
    ['http://a:1', 'a:1', [], true],
    ['http://evil', 'a:1', [], false],
    ['http://b', 'a:1', ['http://b'], true],
    ['http://a:1', 'a:1', ['http://b'], true],
    ['not a url', 'a:1', [], false],
  ] as const)('%s on host %s with %j → %s', (origin, host, allowed, ok) => {
    expect(originAllowed(origin, host, [...allowed])).toBe(ok);
  });
});

describe('usernames', () => {
  it.each([
    ['Admin', 'admin'],
    ['  admin\\t', 'admin'],
    ['ＡＤＭＩＮ', 'admin'],
    ['张三', '张三'],
  ])('%j → %j', (a, b) => expect(normaliseUsername(a.replace('\\t', '\t'))).toBe(b));
});

describe('canonical JSON', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(canonicalJson({ a: [1, { d: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});

describe('JSON guard', () => {
  it.each(['{"__proto__":{}}', '{"a":[{"constructor":1}]}', '{"a":{"prototype":1}}', '["__proto__"]'])('refuses %s', (t) => {
    expect(() => assertSafeJson(JSON.parse(t))).toThrow();
  });
  it('accepts ordinary and very deep JSON without overflowing', () => {
    expect(() => assertSafeJson({ a: [1, 'x', null, { b: true }] })).not.toThrow();
    expect(() => assertSafeJson(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).not.toThrow();
  });
});

describe('room filter', () => {
  const board = { ref: { kind: 'track' as const, period: 'm01', track: 'econ', group: 'g1' }, rows: {} };
  const diff = {
    from: 1,
    to: 2,
    added: { 'track|m01|econ|g1': board, 'track|m01|econ|g2': { ...board, ref: { ...board.ref, group: 'g2' } } },
    boards: { 'overall|m01|*|g2': { rows: { t3: { score: 1 } } } },
    cadres: { 'cadre|m01|sec': { ids: ['c1'], scores: [2] } },
  };
  it('keeps only the boards of the rooms, and always from/to', () => {
    expect(filterDiff(diff, roomSet(['group:g1']))).toEqual({ from: 1, to: 2, added: { 'track|m01|econ|g1': board } });
    expect(filterDiff(diff, roomSet(['unit:t1']))).toEqual({ from: 1, to: 2 });
    expect(filterDiff(diff, roomSet(['cadres'])).cadres).toEqual(diff.cadres);
  });
  it('round-trips signatures', () => {
    const s = roomSet(['group:b', 'group:a', 'cadres', 'unit:x']);
    expect(signatureRoom(s)).toBe('sig:a,b|c');
    expect(parseSignature(signatureRoom(s))).toMatchObject({ cadres: true, groups: new Set(['a', 'b']) });
  });
});

describe('rate limiter', () => {
  it('blocks after max failures within the window and forgets after it', () => {
    const l = createRateLimiter(2, 1000);
    l.fail('k', 0);
    expect(l.blocked('k', 10)).toBe(false);
    l.fail('k', 20);
    expect(l.blocked('k', 30)).toBe(true);
    expect(l.blocked('k', 2000)).toBe(false);
  });
});
